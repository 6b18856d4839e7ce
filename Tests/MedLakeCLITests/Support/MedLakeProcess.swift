import Foundation
import Synchronization
import TestSupport

/// Runs the built `medlake` binary, optionally as another Unix user through `runuser`.
///
/// The binary is found next to the test bundle (both live in `.build/<configuration>/`), so a plain
/// `swift test` on a fresh clone builds and uses it.
enum MedLakeProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// `.build/<configuration>/medlake`.
    static var binary: String { builtExecutable(named: "medlake") ?? "medlake" }

    /// Copies the binary to `path` (mode 0755), for users who cannot reach the build folder.
    ///
    /// The copy is written through a close-on-exec descriptor: a process other tests spawn meanwhile
    /// must not inherit it open for writing, or executing the copy fails with "Text file busy".
    static func copyBinary(to path: String) throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: binary))
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o755)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        defer { close(descriptor) }
        try FileHandle(fileDescriptor: descriptor, closeOnDealloc: false).write(contentsOf: bytes)
        guard fchmod(descriptor, 0o755) == 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
    }

    /// Starts `medlake arguments…` (as `user` when given, in `directory` when given) without waiting.
    static func start(
        _ arguments: [String], as user: String? = nil, environment: [String: String] = [:], binary: String = binary,
        in directory: String? = nil
    ) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let (arguments, environment) = try TestCatalogArguments.adding(
            to: arguments, as: user, environment: environment, in: directory)
        let (executable, argv) = commandLine(arguments, as: user, binary: binary)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = argv
        process.environment = variables(merging: environment)
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try launching.withLock { _ in try process.run() }
        return (process, output, errors)
    }

    /// Serializes `Process.run()`: Foundation's launch is not safe to call from many threads at once. Only
    /// the launch is serialized; the processes then run side by side.
    private static let launching = Mutex(())

    /// Runs `medlake arguments…` to completion (through ``SpawnedCommand``, not Foundation's `Process`: the
    /// load tests call this from 200 threads at once).
    @discardableResult
    static func run(
        _ arguments: [String], as user: String? = nil, environment: [String: String] = [:], binary: String = binary,
        in directory: String? = nil
    ) throws -> Result {
        let (arguments, environment) = try TestCatalogArguments.adding(
            to: arguments, as: user, environment: environment, in: directory)
        let (executable, argv) = commandLine(arguments, as: user, binary: binary)
        let outcome = try SpawnedCommand.run(executable, argv, environment: variables(merging: environment), in: directory)
        return Result(
            status: outcome.status, stdout: String(decoding: outcome.stdout, as: UTF8.self),
            stderr: String(decoding: outcome.stderr, as: UTF8.self))
    }

    /// The executable and arguments that run `medlake arguments…`, through `runuser -u user` when given.
    private static func commandLine(_ arguments: [String], as user: String?, binary: String) -> (String, [String]) {
        guard let user else { return (binary, arguments) }
        return ("/usr/sbin/runuser", ["-u", user, "--", binary] + arguments)
    }

    /// This process's environment without `MEDLAKE_LAKE`, with `environment` on top.
    private static func variables(merging environment: [String: String]) -> [String: String] {
        var variables = ProcessInfo.processInfo.environment
        variables.removeValue(forKey: "MEDLAKE_LAKE")
        variables.merge(environment) { $1 }
        return variables
    }
}
