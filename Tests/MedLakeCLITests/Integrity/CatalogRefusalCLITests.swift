import Foundation
import TestSupport
import Testing

/// Through the real binary: a missing, empty or foreign catalog makes every command but `init` fail
/// without creating a file; `fsck --json` reports; a tier path aliasing another tier is refused.
@Suite struct CatalogRefusalCLITests {
    let base = NSTemporaryDirectory() + "catalog-refusal-" + UUID().uuidString

    private func makeLake(_ name: String) throws -> String {
        let lake = base + "/" + name
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        let created = try MedLakeProcess.run(["init", lake])
        #expect(created.status == 0, "\(created.stderr)")
        return lake
    }

    private func removeCatalog(_ lake: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: lake + "/catalog.sqlite" + suffix) }
    }

    private func files(_ lake: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: lake).sorted()
    }

    private func expectRefused(_ lake: String, saying phrase: String) throws {
        let before = try files(lake)
        for arguments in [["datasets"], ["audit", "verify"], ["worker", "--until-idle"], ["fsck"]] {
            let result = try MedLakeProcess.run(arguments + ["--lake", lake])
            #expect(result.status != 0, "\(arguments) exited 0: \(result.stdout)")
            #expect(result.stderr.contains(phrase), "\(arguments): \(result.stderr)")
            #expect(!result.stdout.contains("No datasets") && !result.stdout.contains("intact"))
        }
        #expect(try files(lake) == before, "no file created")
    }

    @Test(.enabled(if: TestCatalog.isSQLite, "removes catalog.sqlite")) func aMissingCatalogIsRefused() throws {
        defer { try? FileManager.default.removeItem(atPath: base) }
        let lake = try makeLake("lake")
        removeCatalog(lake)
        try expectRefused(lake, saying: "catalog.sqlite is missing")
    }

    @Test(.enabled(if: TestCatalog.isSQLite, "empties catalog.sqlite")) func anEmptyCatalogIsRefused() throws {
        defer { try? FileManager.default.removeItem(atPath: base) }
        let lake = try makeLake("lake")
        removeCatalog(lake)
        #expect(FileManager.default.createFile(
            atPath: lake + "/catalog.sqlite", contents: Data(), attributes: [.posixPermissions: 0o600]))
        try expectRefused(lake, saying: "is empty (0 bytes)")
        #expect(try FileManager.default.attributesOfItem(atPath: lake + "/catalog.sqlite")[.size] as? Int == 0)
    }

    @Test(.enabled(if: TestCatalog.isSQLite, "puts another lake's catalog.sqlite in place")) func anotherLakesCatalogIsRefused() throws {
        defer { try? FileManager.default.removeItem(atPath: base) }
        let lake = try makeLake("lake")
        let other = try makeLake("other")
        removeCatalog(lake)
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: other + "/catalog.sqlite" + suffix) {
            try FileManager.default.copyItem(atPath: other + "/catalog.sqlite" + suffix, toPath: lake + "/catalog.sqlite" + suffix)
        }
        let result = try MedLakeProcess.run(["datasets", "--lake", lake])
        #expect(result.status != 0)
        #expect(result.stderr.contains("belongs to lake"), "\(result.stderr)")
    }

    /// `warm.path = "tiers/./hot"`: the lake does not open, naming the line; nothing is migrated.
    @Test func aTierPathAliasingAnotherIsRefusedWithItsLine() throws {
        defer { try? FileManager.default.removeItem(atPath: base) }
        let lake = try makeLake("lake")
        let path = lake + "/lake.toml"
        var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        let index = try #require(lines.firstIndex(of: "path = \"tiers/warm\""))
        lines[index] = "path = \"tiers/./hot\""
        try lines.joined(separator: "\n").write(toFile: path, atomically: false, encoding: .utf8)
        let result = try MedLakeProcess.run(["migrate", "anything", "--to", "warm", "--lake", lake])
        #expect(result.status != 0)
        #expect(result.stderr.contains("lake.toml:\(index + 1): key 'tiers.warm.path'"), "\(result.stderr)")
    }

    @Test func fsckReportsAsJSON() throws {
        defer { try? FileManager.default.removeItem(atPath: base) }
        let lake = try makeLake("lake")
        let clean = try MedLakeProcess.run(["fsck", "--full", "--json", "--lake", lake])
        #expect(clean.status == 0, "\(clean.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(clean.stdout.utf8)) as? [String: Any]
        #expect((report?["findings"] as? [Any])?.isEmpty == true)
        try FileManager.default.removeItem(atPath: lake + "/tiers/cold/.medlake-tier")
        let broken = try MedLakeProcess.run(["fsck", "--lake", lake])
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("tierIdentity: tier cold"), "\(broken.stdout)")
    }
}
