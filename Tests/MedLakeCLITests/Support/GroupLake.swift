import Foundation
import Testing

/// A lake shared by real Unix users the one way a lake is shared: made by root with `medlake init
/// --service-user` and served by `medlake serve`, its first user holding every role (granted by root
/// through the service). The users reach it only through its socket.
///
/// It sits in a folder every test user can reach (mode 0755) beside a copy of the binary (the build
/// folder may be private) and an `input` folder; the folder, the service, its account and the users go
/// when it is released.
final class GroupLake {
    let users: UnixUsers
    let base: String
    let lake: String
    /// The copy of `medlake` the users run.
    let binary: String
    /// The service account that alone owns the lake's files.
    let service: String
    private var server: Process?
    /// The lake's first user, holding every role.
    var owner: String { users.names[0] }
    /// A folder for files to ingest (readable by every user).
    var input: String { base + "/input" }

    /// Creates `users` (the first holds every role), the lake, named `name-UUID` in the temporary folder,
    /// and its service.
    init(_ name: String, users roles: [String]) throws {
        users = try UnixUsers(roles)
        service = "mlsvc" + users.group.dropFirst(3)
        base = NSTemporaryDirectory() + name + "-" + UUID().uuidString
        lake = base + "/lake"
        binary = base + "/medlake"
        try FileManager.default.createDirectory(atPath: base + "/input", withIntermediateDirectories: true)
        for folder in [base, base + "/input"] {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder)
        }
        try MedLakeProcess.copyBinary(to: binary)
        let created = try MedLakeProcess.run(["init", lake, "--service-user", service], binary: binary)
        try #require(created.status == 0, "\(created.stderr)")
        try start()
        for role in ["admin", "curator", "annotator", "operator"] {
            let granted = try medlake(["roles", "grant", owner, role], as: "root")
            try #require(granted.status == 0, "\(granted.stderr)")
        }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: base)
        try? UnixUsers.command("/usr/sbin/userdel", [service])
        try? UnixUsers.command("/usr/sbin/groupdel", [service])
    }

    /// Starts the lake's service (as root, which drops to the service account), with `environment` added
    /// to the test's own (a fault point).
    func start(environment: [String: String] = [:]) throws {
        server = try LakeServiceProcess.start(lake: lake, binary: binary, environment: environment).process
    }

    /// Stops the service (if a fault point did not end it already) and waits for it to end.
    func stop() {
        guard let server else { return }
        if server.isRunning { server.terminate() }
        server.waitUntilExit()
    }

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
