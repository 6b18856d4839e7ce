import Foundation
import Testing

/// A lake its first user made with `medlake init --group`, for tests where real Unix users share one
/// lake through the CLI.
///
/// It sits in a folder every test user can reach (mode 0755) beside a copy of the binary (the build
/// folder may be private) and an `input` folder; the folder and the users go when it is released.
final class GroupLake {
    let users: UnixUsers
    let base: String
    let lake: String
    /// The copy of `medlake` the users run.
    let binary: String
    /// The lake's creator, its admin.
    var owner: String { users.names[0] }
    /// A folder for files to ingest (readable by every user).
    var input: String { base + "/input" }

    /// Creates `users` (the first becomes the lake's owner) and the lake, named `name-UUID` in the
    /// temporary folder.
    init(_ name: String, users roles: [String]) throws {
        users = try UnixUsers(roles)
        base = NSTemporaryDirectory() + name + "-" + UUID().uuidString
        lake = base + "/lake"
        binary = base + "/medlake"
        try FileManager.default.createDirectory(atPath: base + "/input", withIntermediateDirectories: true)
        for folder in [base, base + "/input"] {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder)
        }
        try MedLakeProcess.copyBinary(to: binary)
        // The administrator hands the owner an empty folder for the lake.
        try FileManager.default.createDirectory(atPath: lake, withIntermediateDirectories: false)
        try FileManager.default.setAttributes([.ownerAccountName: users.names[0]], ofItemAtPath: lake)
        let created = try run(["init", lake, "--group", users.group], as: users.names[0])
        try #require(created.status == 0, "\(created.stderr)")
    }

    deinit { try? FileManager.default.removeItem(atPath: base) }

    /// Runs `medlake arguments… --lake LAKE` as `user`.
    func medlake(_ arguments: [String], as user: String, environment: [String: String] = [:]) throws
        -> MedLakeProcess.Result
    {
        try run(arguments + ["--lake", lake], as: user, environment: environment)
    }

    /// Runs `medlake arguments…` as `user`, naming no lake (the environment or the folder chooses it).
    func run(_ arguments: [String], as user: String, environment: [String: String] = [:]) throws
        -> MedLakeProcess.Result
    {
        try MedLakeProcess.run(arguments, as: user, environment: environment, binary: binary)
    }

    /// Writes `count` small distinct files into ``input``, readable by every user.
    func writeInputs(_ count: Int) throws {
        for index in 0..<count {
            let path = input + "/f\(index).bin"
            try Data("scan \(index)".utf8).write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        }
    }
}
