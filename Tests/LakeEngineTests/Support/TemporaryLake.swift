import Foundation
import TestSupport

@testable import LakeEngine

/// A real lake in a fresh temporary folder, created by `owner` (who gets every role), plus helpers to
/// open it as other users and to write its `lake.toml`.
///
/// Its catalog is on the store ``TestCatalog`` names: `catalog.sqlite`, or with `MEDLAKE_TEST_CATALOG=postgres`
/// a schema of its own on the test PostgreSQL server, dropped when the last copy of the fixture goes.
struct TemporaryLake {
    let root: String
    let owner: Lake
    /// The PostgreSQL schema holding the catalog, when the suite runs on PostgreSQL.
    let postgres: TestPostgresSchema?

    init(owner: String = "alice") throws {
        root = NSTemporaryDirectory() + "lake-" + UUID().uuidString
        postgres = TestCatalog.isSQLite ? nil : try TestPostgresSchema()
        self.owner = try Lake.create(
            at: root, catalog: Self.catalogSettings(postgres), as: Identity(user: owner, uid: 1000))
    }

    /// Where a test lake's catalog goes: `catalog.sqlite`, or `schema` (logging in with the test role's
    /// password file).
    static func catalogSettings(_ schema: TestPostgresSchema?) -> CatalogSettings {
        guard let postgres = schema?.postgres else { return .sqlite }
        return CatalogSettings(postgres: postgres.location, passwordFile: postgres.passwordFile)
    }

    /// Opens the lake as `user` (roles as in the current `lake.toml`).
    func open(as user: String) throws -> Lake {
        try Lake.open(at: root, as: Identity(user: user, uid: 2000))
    }

    /// Gives exactly `roles` through the engine (`medlake roles grant/revoke`), acting as an admin of the
    /// current roles, so each change is audited as it would be in use (a hand edit of `lake.toml` is
    /// reported by `audit verify`). New roles are granted first and the acting admin's own roles revoked
    /// last, so the admin keeps the right to change roles until the end.
    func setRoles(_ roles: [Role: [String]]) throws {
        let current = try Lake.open(at: root, as: Identity(user: "root", uid: 0)).configuration.roles
        guard let admin = current[.admin]?.sorted().first else {
            throw LakeError.invalidArgument("the lake has no admin to change its roles")
        }
        var lake = try Lake.open(at: root, as: Identity(user: admin, uid: 1000))
        for role in Role.allCases {
            for user in Set(roles[role] ?? []).subtracting(current[role] ?? []).sorted() {
                lake = try lake.grant(role, to: user)
            }
        }
        let removals = Role.allCases.flatMap { role in
            (current[role] ?? []).subtracting(roles[role] ?? []).map { (role, $0) }
        }
        // The acting admin's roles go last, and their admin role last of all.
        let order = { (change: (Role, String)) in change.1 != admin ? 0 : change.0 != .admin ? 1 : 2 }
        let sorted = removals.sorted { order($0) < order($1) }
        for (role, user) in sorted { lake = try lake.revoke(role, from: user) }
    }

    /// A fresh folder for input files.
    func inputFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "input-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }
}

/// Writes `text` to `path` (0600, as everything in a personal lake), creating folders (0700).
func write(_ text: String, to path: String) throws {
    try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
        attributes: [.posixPermissions: 0o700])
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    chmod(path, 0o600)
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
        try write(lines.joined(separator: "\n"), to: path)
    }
}
