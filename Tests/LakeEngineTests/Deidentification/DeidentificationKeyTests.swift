import Foundation
import Testing

@testable import LakeEngine

/// The key file's modes: the lake owner's alone.
@Suite struct DeidentificationKeyTests {
    /// A `keys` folder to be created inside a fresh temporary folder (the key creates only its own folder).
    static func folder() throws -> String {
        let parent = NSTemporaryDirectory() + "key-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        return parent + "/keys"
    }

    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? 0) & 0o7777
    }

    @Test func theKeyIsTheOwnersAloneAndOneGroupOrOthersMayReadIsRefused() throws {
        let path = try Self.folder() + "/deidentification.key"
        let created = try DeidentificationKey.loadOrCreate(path: path)
        #expect(try Self.mode(path) == 0o600)
        #expect(try Self.mode((path as NSString).deletingLastPathComponent) == 0o700)
        #expect(try DeidentificationKey.loadOrCreate(path: path).id == created.id)
        for mode: mode_t in [0o640, 0o604] {
            chmod(path, mode)
            #expect(throws: GovernanceError.self) { try DeidentificationKey.loadOrCreate(path: path) }
        }
    }

    @Test func initCreatesTheKey() throws {
        let lake = try TemporaryLake(owner: "alice")
        let path = lake.root + "/keys/deidentification.key"
        #expect(try Self.mode(path) == 0o600)
        let id = try lake.open(as: "alice").deidentificationKey().id
        #expect(try lake.open(as: "bob").deidentificationKey().id == id)
    }

    @Test func aKeyGroupSettingIsRefused() throws {
        let lake = try TemporaryLake(owner: "alice")
        let toml = lake.root + "/lake.toml"
        let text = try String(contentsOfFile: toml, encoding: .utf8)
            .replacingOccurrences(of: "[governance]\n", with: "[governance]\nkey_group = \"curators\"\n")
        try text.write(toFile: toml, atomically: false, encoding: .utf8)
        #expect(throws: ConfigurationError.self) { try lake.open(as: "alice") }
    }
}
