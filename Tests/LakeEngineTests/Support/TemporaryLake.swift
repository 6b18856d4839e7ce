import Foundation

@testable import LakeEngine

/// A real lake in a fresh temporary folder, created by `owner` (who gets every role), plus helpers to
/// open it as other users and to write its `lake.toml`.
struct TemporaryLake {
    let root: String
    let owner: Lake

    init(owner: String = "alice") throws {
        root = NSTemporaryDirectory() + "lake-" + UUID().uuidString
        self.owner = try Lake.create(at: root, group: nil, as: Identity(user: owner, uid: 1000))
    }

    /// Opens the lake as `user` (roles as in the current `lake.toml`).
    func open(as user: String) throws -> Lake {
        try Lake.open(at: root, as: Identity(user: user, uid: 2000))
    }

    /// Replaces the `[roles]` table.
    func setRoles(_ roles: [Role: [String]]) throws {
        let path = root + "/lake.toml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard let start = text.range(of: "[roles]\n"), let end = text.range(of: "\n[qc]") else {
            throw LakeError.invalidArgument("lake.toml has no [roles] table")
        }
        var table = "[roles]\n"
        for role in Role.allCases {
            table += "\(role.rawValue) = [" + (roles[role] ?? []).map { "\"\($0)\"" }.joined(separator: ", ") + "]\n"
        }
        let updated = text.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: table)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        try updated.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// A fresh folder for input files.
    func inputFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "input-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }
}

/// Writes `text` to `path`, creating folders.
func write(_ text: String, to path: String) throws {
    try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}

extension TemporaryLake {
    /// Replaces `key = …` lines of `lake.toml` (the first occurrence of each key).
    func setSetting(_ key: String, to value: String) throws {
        let path = root + "/lake.toml"
        var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        guard let index = lines.firstIndex(where: { $0.hasPrefix(key + " = ") }) else {
            throw LakeError.invalidArgument("lake.toml has no \(key)")
        }
        lines[index] = "\(key) = \(value)"
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }
}
