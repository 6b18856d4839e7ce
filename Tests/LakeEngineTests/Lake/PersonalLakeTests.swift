import Foundation
import TestSupport
import Testing

@testable import LakeEngine

/// Only a personal lake opens in-process: everything in it the running user's, nothing for group or
/// others but a search bit on the lake folder (``Lake/requirePersonal(root:)``). The refusal comes before
/// anything is written: the catalog and its WAL stay as they were.
@Suite struct PersonalLakeTests {
    /// The lake's files and their bytes, to show a refused open changed nothing.
    private static func snapshot(_ root: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: root) {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isFolder), !isFolder.boolValue {
                files[path] = FileManager.default.contents(atPath: root + "/" + path)
            }
        }
        return files
    }

    /// A path in the lake and a mode giving group or others something (`catalog.sqlite` when the lake has one).
    static let sharedModes: [(String, mode_t)] = [
        ("", 0o750), ("", 0o705), ("/catalog.sqlite", 0o660), ("/lake.toml", 0o640), ("/keys", 0o750),
        ("/tiers", 0o2770), ("/tiers/hot", 0o705), ("/lake.id", 0o444),
    ].filter { TestCatalog.isSQLite || $0.0 != "/catalog.sqlite" }

    @Test(arguments: sharedModes)
    func anyAccessForGroupOrOthersIsRefused(path: String, mode: mode_t) throws {
        let lake = try TemporaryLake()
        let before = try Self.snapshot(lake.root)
        chmod(lake.root + path, mode)
        #expect {
            try Lake.open(at: lake.root)
        } throws: { error in
            guard case .sharedAccess(let root, let refused, let refusedMode) = error as? PersonalLakeError else { return false }
            return root == lake.root && refused == lake.root + path && refusedMode == UInt32(mode)
        }
        #expect(try Self.snapshot(lake.root) == before)
    }

    @Test(.enabled(if: TestCatalog.isSQLite, "names the mode of catalog.sqlite"))
    func theMessageSaysHowToServeTheLake() throws {
        let lake = try TemporaryLake()
        chmod(lake.root + "/catalog.sqlite", 0o660)
        #expect {
            try Lake.open(at: lake.root)
        } throws: { error in
            let text = String(describing: error)
            return text.contains("medlake serve --lake \(lake.root)") && text.contains("--service-user")
                && text.contains("catalog.sqlite gives access to group or others (mode 660)")
        }
    }

    @Test func aSearchBitOnTheLakeFolderIsAllowed() throws {
        // A served lake's folder is 0711 so that users reach its socket; its service opens it in-process.
        let lake = try TemporaryLake()
        chmod(lake.root, 0o711)
        _ = try Lake.open(at: lake.root)
    }

    @Test func aTierOutsideTheLakeIsChecked() throws {
        let lake = try TemporaryLake()
        let outside = NSTemporaryDirectory() + "tier-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: outside) }
        chmod(outside, 0o770)
        let toml = lake.root + "/lake.toml"
        let text = try String(contentsOfFile: toml, encoding: .utf8)
            .replacingOccurrences(of: "path = \"tiers/archive\"", with: "path = \"\(outside)\"")
        try text.write(toFile: toml, atomically: false, encoding: .utf8)
        #expect {
            try Lake.open(at: lake.root)
        } throws: { error in
            if case .sharedAccess(_, outside, _) = error as? PersonalLakeError { return true }
            return false
        }
    }
}
