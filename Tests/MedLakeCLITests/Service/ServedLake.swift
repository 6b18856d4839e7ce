import Foundation
import Testing

/// A lake made with `init --service-user` and served by `medlake serve` started as root, holding a
/// published CT dataset `ct@2`; alice and bob are curators, carol holds no role, and `people` more users
/// (``extra``) exist with no role either. root is the lake's admin.
///
/// The roles are given by root and the data put in by the service account, both through the service
/// (root may not open another user's lake in-process).
final class ServedLake {
    let users: UnixUsers
    let service: String
    let base: String
    let lake: String
    /// A copy of the binary the users can reach (the build folder may sit in a private one).
    let binary: String
    private(set) var server: Process?
    /// The service's ready line (`Serving LAKE on SOCKET [and URL] as USER.`).
    private(set) var readyLine = ""
    var alice: String { users.names[0] }
    var bob: String { users.names[1] }
    var carol: String { users.names[2] }
    /// The users made for `people`, in order.
    var extra: [String] { Array(users.names.dropFirst(3)) }
    var socket: String { lake + "/medlake.sock" }

    init(people: [String] = []) throws {
        users = try UnixUsers(["alice", "bob", "carol"] + people)
        service = "mlsvc" + users.group.dropFirst(3)
        base = NSTemporaryDirectory() + "served-" + UUID().uuidString
        lake = base + "/lake"
        binary = base + "/medlake"
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: base)
        try MedLakeProcess.copyBinary(to: binary)
        let generated = try MedLakeProcess.run(["dicom", "generate", "--count", "4", "--output", base + "/input"])
        try #require(generated.status == 0, "\(generated.stderr)")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: base + "/input")
        for name in try FileManager.default.contentsOfDirectory(atPath: base + "/input") {
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: base + "/input/" + name)
        }
        let created = try MedLakeProcess.run(["init", lake, "--service-user", service], binary: binary)
        try #require(created.status == 0, "\(created.stderr)")
        try start()
        // The administrator (root) names the people through the service (`medlake roles`, audited; a hand
        // edit of lake.toml would fail `audit verify`, and root may not open the lake in-process); the
        // service account seeds the data through it too.
        for (user, role) in [
            (alice, "curator"), (bob, "curator"), (service, "curator"), (service, "operator"), ("root", "curator"),
            ("root", "operator"),
        ] {
            let change = try MedLakeProcess.run(
                ["roles", user == "root" ? "revoke" : "grant", user, role, "--lake", lake], binary: binary)
            try #require(change.status == 0, "roles \(user) \(role): \(change.stderr)")
        }
        for arguments in [
            ["ingest", base + "/input", "--dataset", "ct"], ["label", "ct", "--consent", "research,ai-training"],
            ["version", "publish", "ct"],
        ] {
            let seeded = try MedLakeProcess.run(arguments + ["--lake", lake], as: service, binary: binary)
            try #require(seeded.status == 0, "\(arguments): \(seeded.stderr)")
        }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: base)
        try? UnixUsers.command("/usr/sbin/userdel", [service])
        try? UnixUsers.command("/usr/sbin/groupdel", [service])
    }

    /// Starts `medlake serve --lake LAKE arguments…` as root (with `environment` added to its own, and
    /// its open-file limit set to `openFiles` by `prlimit` when given) and waits, up to two minutes, for
    /// its ready line.
    func start(_ arguments: [String] = [], environment: [String: String] = [:], openFiles: Int? = nil) throws {
        let started = try LakeServiceProcess.start(
            lake: lake, binary: binary, arguments, environment: environment, openFiles: openFiles)
        server = started.process
        readyLine = started.readyLine
    }

    /// Waits for the service to end by itself (a fault point killed it).
    func waitForExit() {
        server?.waitUntilExit()
    }

    /// Kills the service with SIGKILL and waits for it to end.
    func kill() {
        guard let server, server.isRunning else { return }
        Glibc.kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()
    }

    func stop() {
        guard let server, server.isRunning else { return }
        server.terminate()
        server.waitUntilExit()
    }

    /// Runs `medlake arguments… --lake LAKE` as `user`.
    func medlake(_ arguments: [String], as user: String, environment: [String: String] = [:]) throws -> MedLakeProcess.Result {
        try MedLakeProcess.run(arguments + ["--lake", lake], as: user, environment: environment, binary: binary)
    }

    /// Runs the program at `path` with `arguments` as `user`, returning its status and output.
    func tool(_ path: String, _ arguments: [String], as user: String) throws -> MedLakeProcess.Result {
        try MedLakeProcess.run(arguments, as: user, binary: path)
    }
}
