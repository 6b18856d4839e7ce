import Foundation
import Testing

@testable import LakeEngine

@Suite struct LakeCreateTests {
    private func mode(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
    }

    @Test func createsLayoutWithoutWorldAccess() throws {
        let lake = try TemporaryLake()
        for path in ["", "/lake.toml", "/catalog.sqlite", "/tiers", "/tiers/hot", "/tiers/hot/objects", "/tiers/archive"] {
            let full = lake.root + path
            #expect(FileManager.default.fileExists(atPath: full), "\(path) missing")
            #expect(try mode(full) & 0o007 == 0, "\(path) is world-accessible")
        }
        #expect(try mode(lake.root + "/lake.toml") == 0o640)
        #expect(try mode(lake.root + "/catalog.sqlite") == 0o660)
        #expect(try mode(lake.root + "/tiers/hot") & 0o070 == 0o070)
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
        #expect(throws: LakeError.self) { try Lake.create(at: lake.root, group: nil, as: Identity(user: "x", uid: 1)) }
    }

    @Test func refusesAFolderWithFiles() throws {
        let folder = NSTemporaryDirectory() + "busy-" + UUID().uuidString
        try write("data", to: folder + "/keep.txt")
        #expect(throws: LakeError.self) { try Lake.create(at: folder, group: nil, as: Identity(user: "x", uid: 1)) }
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
