import Foundation
import TestSupport
import Testing

@testable import LakeEngine

@Suite struct LakeCreateTests {
    private func mode(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
    }

    @Test func createsAPersonalLake() throws {
        let lake = try TemporaryLake()
        for path in ["", "/tiers", "/tiers/hot", "/tiers/hot/objects", "/tiers/archive", "/keys"] {
            #expect(try mode(lake.root + path) == 0o700, "\(path)")
        }
        let catalog = TestCatalog.isSQLite ? ["/catalog.sqlite"] : []
        for path in ["/lake.toml", "/keys/audit.key", "/keys/deidentification.key"] + catalog {
            #expect(try mode(lake.root + path) == 0o600, "\(path)")
        }
        #expect(try mode(lake.root + "/lake.id") == 0o400)
        // Objects too are the owner's alone.
        let object = try Array("bytes".utf8).withUnsafeBytes { try lake.owner.tier(named: "hot").store(bytes: $0) }
        #expect(try mode(try lake.owner.objectPath(object.digest, tier: "hot")) == 0o400)
        _ = try lake.open(as: "alice")
    }

    @Test func initializerHoldsEveryRoleAndIsAudited() throws {
        let lake = try TemporaryLake(owner: "carol")
        #expect(lake.owner.actorRoles == Role.allCases)
        let events = try lake.owner.auditEvents()
        #expect(events.map(\.action) == ["lake.init"])
        #expect(events.first?.actor == "carol")
        #expect(events.first?.role == "admin")
    }

    @Test func refusesAnExistingLake() throws {
        let lake = try TemporaryLake()
        #expect(throws: LakeError.self) { try Lake.create(at: lake.root, as: Identity(user: "x", uid: 1)) }
    }

    @Test func refusesAFolderWithFiles() throws {
        let folder = NSTemporaryDirectory() + "busy-" + UUID().uuidString
        try write("data", to: folder + "/keep.txt")
        #expect(throws: LakeError.self) { try Lake.create(at: folder, as: Identity(user: "x", uid: 1)) }
        #expect(!FileManager.default.fileExists(atPath: folder + "/lake.toml"))
    }

    @Test func badConfigurationStopsOpening() throws {
        let lake = try TemporaryLake()
        try write("[tiers.hot]\npath = 5\n", to: lake.root + "/lake.toml")
        #expect {
            try lake.open(as: "alice")
        } throws: { error in
            (error as? ConfigurationError)?.key == "tiers.hot.path" && (error as? ConfigurationError)?.line == 2
        }
    }
}
