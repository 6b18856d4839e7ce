import Foundation
import Testing

@testable import LakeEngine

@Suite struct LakeRolesTests {
    @Test func adminGrantsAndRevokesWithAudit() throws {
        let lake = try TemporaryLake(owner: "alice")
        let before = try String(contentsOfFile: lake.root + "/lake.toml", encoding: .utf8)
        let updated = try lake.owner.grant(.annotator, to: "bob")
        #expect(updated.configuration.roles(of: "bob") == [.annotator])
        let reopened = try lake.open(as: "bob")
        #expect(reopened.actorRoles == [.annotator])
        let after = try String(contentsOfFile: lake.root + "/lake.toml", encoding: .utf8)
        #expect(after.contains("# Unix users holding each role."))
        #expect(after.contains("annotator = [\"alice\", \"bob\"]"))
        #expect(after.replacingOccurrences(of: ", \"bob\"", with: "") == before)
        let mode = try FileManager.default.attributesOfItem(atPath: lake.root + "/lake.toml")[.posixPermissions] as? Int
        #expect(mode == 0o600)

        _ = try updated.revoke(.annotator, from: "bob")
        #expect(try lake.open(as: "bob").actorRoles.isEmpty)
        let events = try lake.owner.auditEvents(AuditFilter(action: "config.roles"))
        #expect(events.map(\.target) == ["bob", "bob"])
        #expect(events.allSatisfy { $0.role == "admin" && $0.actor == "alice" })
    }

    @Test func onlyAdminsChangeRolesAndOneAdminRemains() throws {
        let lake = try TemporaryLake(owner: "alice")
        let curator = try lake.owner.grant(.curator, to: "cora")
        #expect(throws: LakeError.self) { try lake.open(as: "cora").grant(.admin, to: "cora") }
        #expect(throws: LakeError.self) { try curator.revoke(.admin, from: "alice") }
        #expect(try lake.open(as: "alice").configuration.roles(of: "alice").contains(.admin))
    }

    @Test func rolesTableIsAddedWhenMissing() throws {
        let text = "[tiers.hot]\npath = \"t\"\n"
        let updated = LakeConfiguration.replacingRoles(in: text, with: [.admin: ["a\"b"]])
        let configuration = try LakeConfiguration(toml: updated, path: "lake.toml")
        #expect(configuration.roles[.admin] == ["a\"b"])
        #expect(configuration.tiers["hot"]?.path == "t")
    }
}
