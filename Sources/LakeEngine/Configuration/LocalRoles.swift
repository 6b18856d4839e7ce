import Foundation
import TOMLKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Roles claimed on first use of a committed lake (the `SampleLake/` of a fresh clone), kept in the
/// git-ignored `lake.local.toml` beside `lake.toml`, so the committed file never changes.
///
/// The file holds one `[roles]` table, merged over `lake.toml`'s as a union: it can add members, never
/// remove them. Because it grants roles it counts only when the owner of `lake.toml` owns it and no one
/// else may write it; any other local file makes opening the lake fail, naming the file.
enum LocalRoles {
    /// The local file's name inside the lake folder.
    static let fileName = "lake.local.toml"

    /// The roles in `root`'s local file; empty when there is none.
    /// - Throws: ``ConfigurationError`` for a file of the wrong owner or mode, or bad TOML.
    static func read(root: String) throws -> [Role: Set<String>] {
        let path = root + "/" + fileName
        var local = stat()
        guard stat(path, &local) == 0 else {
            if errno == ENOENT { return [:] }
            throw LakeError.system(operation: "stat", path: path, errno: errno)
        }
        var shared = stat()
        let configurationPath = root + "/" + Lake.configurationFileName
        guard stat(configurationPath, &shared) == 0 else {
            throw LakeError.system(operation: "stat", path: configurationPath, errno: errno)
        }
        guard local.st_uid == shared.st_uid, local.st_mode & 0o022 == 0 else {
            throw ConfigurationError(
                path: path, line: nil, key: nil,
                message: "ignored for safety: it must belong to the owner of lake.toml and be writable by no one else")
        }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError(path: path, line: nil, key: nil, message: "cannot read the file")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigurationError(path: path, line: error.source.begin.line, key: nil, message: error.description)
        }
        let fields = TOMLFields(table: table, prefix: "", path: path, locator: TOMLKeyLocator(text: text))
        try fields.rejectUnknownKeys(["roles"])
        return try LakeConfiguration.parseRoles(fields)
    }

    /// Writes `roles` as `root`'s local file (mode 0600, like everything in a personal lake), atomically.
    static func write(_ roles: [Role: Set<String>], root: String) throws {
        let path = root + "/" + fileName
        let text = "# Roles claimed on this machine by `medlake` (first open of an unused lake), merged over\n"
            + "# lake.toml's. Local to this checkout: never commit it; delete it to undo the claim.\n"
            + LakeConfiguration.replacingRoles(in: "", with: roles).trimmingCharacters(in: .newlines) + "\n"
        if !FileManager.default.fileExists(atPath: path) {
            try Lake.writeNewFile(path, contents: [], mode: 0o600)
        }
        try Lake.replaceFile(path, with: Array(text.utf8))
    }
}

extension LakeConfiguration {
    /// Adds the members of `extra` to ``roles``.
    mutating func mergeRoles(_ extra: [Role: Set<String>]) {
        for (role, users) in extra { roles[role, default: []].formUnion(users) }
    }
}
