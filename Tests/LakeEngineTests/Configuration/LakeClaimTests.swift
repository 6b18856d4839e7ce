import Foundation
import Testing

@testable import LakeEngine

/// Claiming an unused lake: roles go to `lake.local.toml`, the committed `lake.toml` keeps its bytes.
@Suite struct LakeClaimTests {
    /// A lake folder whose `lake.toml` names only `alice` and that has no catalog yet (a fresh clone's
    /// sample lake, once its first open made it personal): opening it creates an empty catalog with an
    /// empty audit log.
    private func unusedLake() throws -> String {
        let root = NSTemporaryDirectory() + "lake-" + UUID().uuidString
        try write(LakeConfiguration.defaultTOML(name: "unused", owner: "alice"), to: root + "/lake.toml")
        chmod(root, 0o700)
        chmod(root + "/lake.toml", 0o600)
        return root
    }

    private func open(_ root: String, as user: String) throws -> Lake {
        // lake.toml belongs to the process's user, so the claimant's uid is that one.
        try Lake.open(at: root, as: Identity(user: user, uid: getuid()))
    }

    @Test func claimWritesTheLocalFileAndLeavesLakeTomlUnchanged() throws {
        let root = try unusedLake()
        let before = try Data(contentsOf: URL(fileURLWithPath: root + "/lake.toml"))
        let dora = try open(root, as: "dora")
        #expect(dora.actorRoles.isEmpty)
        let claimed = try dora.claimUnused()
        #expect(claimed.actorRoles == Role.allCases)
        #expect(try Data(contentsOf: URL(fileURLWithPath: root + "/lake.toml")) == before)
        let local = try String(contentsOfFile: root + "/lake.local.toml", encoding: .utf8)
        #expect(local.contains("curator = [\"dora\"]"))
        let mode = try FileManager.default.attributesOfItem(atPath: root + "/lake.local.toml")[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // Reopening merges the local roles over lake.toml's.
        #expect(try open(root, as: "dora").actorRoles == Role.allCases)
        #expect(try open(root, as: "alice").actorRoles == Role.allCases)
        let events = try claimed.auditEvents(AuditFilter(action: "config.roles"))
        #expect(events.map(\.actor) == ["dora"])
        // A used lake cannot be claimed again.
        #expect(throws: LakeError.self) { try open(root, as: "eve").claimUnused() }
    }

    @Test func aLakeTomlOfAnotherOwnerCannotBeClaimed() throws {
        let root = try unusedLake()
        #expect(throws: LakeError.self) {
            try Lake.open(at: root, as: Identity(user: "eve", uid: getuid() + 1)).claimUnused()
        }
        #expect(!FileManager.default.fileExists(atPath: root + "/lake.local.toml"))
    }

    @Test func revokeRemovesAClaimedRole() throws {
        let root = try unusedLake()
        let claimed = try open(root, as: "dora").claimUnused()
        let updated = try claimed.revoke(.annotator, from: "dora")
        #expect(!updated.actorRoles.contains(.annotator))
        #expect(try open(root, as: "dora").actorRoles == [.admin, .curator, .operator])
    }

    @Test func aLocalFileOthersMayWriteIsRefused() throws {
        let lake = try TemporaryLake(owner: "alice")
        let path = lake.root + "/lake.local.toml"
        try write("[roles]\nadmin = [\"mallory\"]\n", to: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: path)
        #expect(throws: PersonalLakeError.self) { try lake.open(as: "mallory") }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(try lake.open(as: "mallory").actorRoles == [.admin])
    }

    @Test func aLocalFileWithOtherTablesNamesTheKey() throws {
        let lake = try TemporaryLake(owner: "alice")
        try write("[roles]\nadmin = [\"bob\"]\n[tiers.hot]\npath = \"/elsewhere\"\n", to: lake.root + "/lake.local.toml")
        chmod(lake.root + "/lake.local.toml", 0o600)
        #expect {
            try lake.open(as: "bob")
        } throws: { error in
            (error as? ConfigurationError).map { $0.key == "tiers" && $0.path.hasSuffix("lake.local.toml") } ?? false
        }
    }
}
