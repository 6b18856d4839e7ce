import Foundation
import Testing

@testable import LakeEngine

/// Every spelling that puts a tier where a delete could lose another tier's objects, the lake's own
/// files or the system's is refused when the lake opens, naming `lake.toml`'s line and key.
@Suite struct TierFolderRulesTests {
    let lake: TemporaryLake

    init() throws {
        lake = try TemporaryLake()
    }

    /// Sets `tiers.warm.path` and returns the line it is on.
    private func setWarmPath(_ value: String) throws -> Int {
        let path = lake.root + "/lake.toml"
        var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        let index = try lines.firstIndex(of: "path = \"tiers/warm\"").orThrow()
        lines[index] = "path = \"\(value)\""
        try lines.joined(separator: "\n").write(toFile: path, atomically: false, encoding: .utf8)
        return index + 1
    }

    private func expectRefused(_ value: String, saying phrase: String) throws {
        let line = try setWarmPath(value)
        let error = #expect(throws: ConfigurationError.self, "warm.path = \(value)") { try lake.open(as: "alice") }
        #expect(error?.key == "tiers.warm.path", "\(value)")
        #expect(error?.line == line, "\(value)")
        #expect(error?.path == lake.root + "/lake.toml")
        #expect(error?.message.contains(phrase) == true, "\(value): \(error?.message ?? "")")
    }

    @Test(arguments: ["tiers/hot", "tiers/./hot", "tiers/../tiers/hot", "tiers//hot/"])
    func aSecondSpellingOfAnotherTiersFolderIsRefused(_ spelling: String) throws {
        try expectRefused(spelling, saying: "tiers 'hot' and 'warm' are one folder")
    }

    @Test func theAbsolutePathOfAnotherTierIsRefused() throws {
        try expectRefused(lake.root + "/tiers/hot", saying: "are one folder")
    }

    /// No edit of `lake.toml` at all: the folder itself is a symlink to another tier's.
    @Test func aSymlinkedTierFolderIsRefused() throws {
        let warm = lake.root + "/tiers/warm"
        try FileManager.default.removeItem(atPath: warm)
        try FileManager.default.createSymbolicLink(atPath: warm, withDestinationPath: "hot")
        let error = #expect(throws: ConfigurationError.self) { try lake.open(as: "alice") }
        #expect(error?.key == "tiers.warm.path")
        #expect(error?.message.contains("tiers 'hot' and 'warm' are one folder") == true)
    }

    @Test func aTierInsideAnotherIsRefused() throws {
        try expectRefused("tiers/hot/inner", saying: "nested")
    }

    @Test(arguments: [".", "..", "/"])
    func aTierHoldingTheLakeIsRefused(_ spelling: String) throws {
        try expectRefused(spelling, saying: "the lake folder or holds it")
    }

    @Test(arguments: ["/etc", "../../../etc", "/usr/lib/medlake", "/var", "/home"])
    func aSystemFolderIsRefused(_ spelling: String) throws {
        try expectRefused(spelling, saying: "system folder")
    }

    @Test(arguments: ["keys", "catalog.sqlite", "lake.toml"])
    func theLakesOwnFilesAreRefused(_ spelling: String) throws {
        try expectRefused(spelling, saying: "the lake's own files")
    }

    @Test func aTierOfItsOwnOpens() throws {
        _ = try setWarmPath("tiers/warm-2")
        let opened = try lake.open(as: "alice")
        #expect(opened.configuration.tiers["warm"]?.path == "tiers/warm-2")
    }

    /// `medlake init` refuses nothing of its own making, and the default layout passes the rules.
    @Test func aNewLakePassesTheRules() throws {
        let text = try String(contentsOfFile: lake.root + "/lake.toml", encoding: .utf8)
        try lake.owner.configuration.checkTierFolders(lakeRoot: lake.root, text: text, path: "lake.toml")
    }
}
