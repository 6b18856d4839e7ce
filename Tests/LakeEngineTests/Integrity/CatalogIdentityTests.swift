import Foundation
import TestSupport
import Testing

@testable import LakeEngine

/// A missing, empty or foreign catalog is refused with a typed error, and nothing is created in its place.
@Suite struct CatalogIdentityTests {
    /// Why some tests run on SQLite only: they are about the catalog file beside `lake.toml`.
    static let aboutTheFile: Comment = "about catalog.sqlite beside lake.toml (missing, empty or another lake's file)"

    let lake: TemporaryLake
    var catalogPath: String { lake.root + "/catalog.sqlite" }

    init() throws {
        lake = try TemporaryLake()
    }

    private func files() throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: lake.root))
    }

    private func removeCatalog() throws {
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: catalogPath + suffix) {
            try FileManager.default.removeItem(atPath: catalogPath + suffix)
        }
    }

    @Test(.enabled(if: TestCatalog.isSQLite, Self.aboutTheFile))
    func aMissingCatalogIsRefusedAndNotCreated() throws {
        try removeCatalog()
        let before = try files()
        #expect(throws: LakeIntegrityError.catalogMissing(path: catalogPath)) { try lake.open(as: "alice") }
        #expect(try files() == before, "nothing created")
    }

    /// Without `lake.id` (a lake of an earlier version) the catalog is still refused while a tier holds
    /// objects: they are the data a new, empty catalog would forget.
    @Test(.enabled(if: TestCatalog.isSQLite, Self.aboutTheFile))
    func aMissingCatalogOfALegacyLakeWithObjectsIsRefused() throws {
        try lake.ingestObjects("a", count: 1, size: 100)
        try removeCatalog()
        try FileManager.default.removeItem(atPath: lake.root + "/lake.id")
        #expect(throws: LakeIntegrityError.catalogMissing(path: catalogPath)) { try lake.open(as: "alice") }
        #expect(!FileManager.default.fileExists(atPath: catalogPath))
    }

    /// A lake nobody used (the committed sample lake of a fresh clone: no `lake.id`, no object) gets its
    /// catalog on first open.
    @Test(.enabled(if: TestCatalog.isSQLite, Self.aboutTheFile))
    func anUnusedLakeGetsItsCatalogOnFirstOpen() throws {
        try removeCatalog()
        try FileManager.default.removeItem(atPath: lake.root + "/lake.id")
        for tier in ["hot", "warm", "cold", "archive"] {
            try FileManager.default.removeItem(atPath: lake.root + "/tiers/\(tier)/.medlake-tier")
        }
        let opened = try lake.open(as: "alice")
        #expect(FileManager.default.fileExists(atPath: catalogPath))
        #expect(try String(contentsOfFile: lake.root + "/lake.id", encoding: .utf8) == opened.id + "\n")
    }

    @Test(.enabled(if: TestCatalog.isSQLite, Self.aboutTheFile))
    func anEmptyCatalogIsRefusedAndLeftEmpty() throws {
        try removeCatalog()
        #expect(FileManager.default.createFile(atPath: catalogPath, contents: Data(), attributes: [.posixPermissions: 0o600]))
        let before = try files()
        #expect(throws: LakeIntegrityError.catalogEmpty(path: catalogPath)) { try lake.open(as: "alice") }
        #expect(try files() == before, "no WAL or shared-memory file created")
        #expect(try FileManager.default.attributesOfItem(atPath: catalogPath)[.size] as? Int == 0)
    }

    @Test(.enabled(if: TestCatalog.isSQLite, Self.aboutTheFile))
    func anotherLakesCatalogIsRefused() throws {
        let other = try TemporaryLake()
        try removeCatalog()
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: other.root + "/catalog.sqlite" + suffix) {
            try FileManager.default.copyItem(atPath: other.root + "/catalog.sqlite" + suffix, toPath: catalogPath + suffix)
        }
        let error = #expect(throws: LakeIntegrityError.self) { try lake.open(as: "alice") }
        #expect(error == .catalogOfAnotherLake(path: catalogPath, catalogLake: other.owner.id, lake: lake.owner.id))
    }

    /// A lake made before ids existed (no `lake.id`, no row, no tier identities) gets one id in both
    /// places on first open, and its empty tiers are adopted.
    @Test func aLakeWithoutIdsGetsOneOnFirstOpen() throws {
        try FileManager.default.removeItem(atPath: lake.root + "/lake.id")
        for tier in ["hot", "warm", "cold", "archive"] {
            try FileManager.default.removeItem(atPath: lake.root + "/tiers/\(tier)/.medlake-tier")
        }
        try lake.execute("DELETE FROM lakeIdentity")
        let opened = try lake.open(as: "bob")
        #expect(opened.id != lake.owner.id)
        let file = try String(contentsOfFile: lake.root + "/lake.id", encoding: .utf8)
        #expect(file == opened.id + "\n")
        #expect(try lake.open(as: "alice").id == opened.id)
        let identity = try opened.tier(named: "warm").readIdentity()
        #expect(identity == .present(opened.expectedIdentity(of: "warm")))
    }

    /// A catalog without an id in a folder with one is not this lake's (a legacy catalog copied in).
    @Test func aCatalogWithoutAnIdInALakeWithOneIsRefused() throws {
        try lake.execute("DELETE FROM lakeIdentity")
        let refusal = LakeIntegrityError.catalogOfAnotherLake(
            path: lake.owner.catalogName, catalogLake: nil, lake: lake.owner.id)
        #expect(throws: refusal) {
            try lake.open(as: "alice")
        }
    }

    @Test func aMissingLakeIdFileIsRefused() throws {
        try FileManager.default.removeItem(atPath: lake.root + "/lake.id")
        #expect(throws: LakeIntegrityError.lakeIdentityMissing(path: lake.root + "/lake.id", catalogLake: lake.owner.id)) {
            try lake.open(as: "alice")
        }
        #expect(!FileManager.default.fileExists(atPath: lake.root + "/lake.id"))
    }
}
