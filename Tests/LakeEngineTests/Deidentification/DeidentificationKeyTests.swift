import Foundation
import Testing

@testable import LakeEngine

/// The key file's modes: group-readable only by the key group, never by others.
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

    @Test func aSharedKeyIsGroupReadableByTheKeyGroupOnly() throws {
        let path = try Self.folder() + "/deidentification.key"
        let group = getegid()
        let created = try DeidentificationKey.loadOrCreate(path: path, group: group)
        #expect(try Self.mode(path) == 0o640)
        #expect(try Self.mode((path as NSString).deletingLastPathComponent) == 0o2750)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.groupOwnerAccountID] as? UInt32 == group)
        #expect(try DeidentificationKey.load(path: path, group: group).id == created.id)
        // The same file in a lake whose key group is another group, or that has none, is refused.
        #expect(throws: GovernanceError.self) { try DeidentificationKey.load(path: path, group: group &+ 1) }
        #expect(throws: GovernanceError.self) { try DeidentificationKey.load(path: path, group: nil) }
        chmod(path, 0o644)
        #expect(throws: GovernanceError.self) { try DeidentificationKey.load(path: path, group: group) }
    }

    @Test func aSingleUserKeyIsPrivate() throws {
        let path = try Self.folder() + "/deidentification.key"
        let created = try DeidentificationKey.loadOrCreate(path: path, group: nil)
        #expect(try Self.mode(path) == 0o600)
        #expect(try Self.mode((path as NSString).deletingLastPathComponent) == 0o700)
        #expect(try DeidentificationKey.loadOrCreate(path: path, group: nil).id == created.id)
    }

    @Test func initCreatesTheKeyAndTheKeyGroupSettingIsUsed() throws {
        let lake = try TemporaryLake(owner: "alice")
        let path = lake.root + "/keys/deidentification.key"
        #expect(try Self.mode(path) == 0o600)
        let id = try lake.open(as: "alice").deidentificationKey().id
        #expect(try lake.open(as: "bob").deidentificationKey().id == id)
        // A key group that does not exist is a clear error, not a silently private key.
        let toml = lake.root + "/lake.toml"
        let text = try String(contentsOfFile: toml, encoding: .utf8)
            .replacingOccurrences(of: "[governance]\n", with: "[governance]\nkey_group = \"no-such-group-medlake\"\n")
        try text.write(toFile: toml, atomically: true, encoding: .utf8)
        #expect(throws: LakeError.self) { try lake.open(as: "alice").deidentificationKey() }
    }
}
