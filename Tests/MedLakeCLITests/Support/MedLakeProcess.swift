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
        if let user {
            process.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
            process.arguments = ["-u", user, "--", binary] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
        }
        var variables = ProcessInfo.processInfo.environment
        variables.removeValue(forKey: "MEDLAKE_LAKE")
        variables.merge(environment) { $1 }
        process.environment = variables
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try launching.withLock { _ in try process.run() }
        return (process, output, errors)
    }

    /// Serializes `Process.run()`: Foundation's launch is not safe to call from many threads at once (200
    /// client threads crashed it in `memcpy` inside `Process.run()`). Only the launch is serialized; the
    /// processes then run side by side.
    private static let launching = Mutex(())

    /// Runs `medlake arguments…` to completion.
    @discardableResult
    static func run(
        _ arguments: [String], as user: String? = nil, environment: [String: String] = [:], binary: String = binary,
        in directory: String? = nil
    ) throws -> Result {
        let (process, output, errors) = try start(
            arguments, as: user, environment: environment, binary: binary, in: directory)
        // Drain standard error on another thread while reading standard output, so neither pipe fills up.
        let stderrData = Mutex(Data())
        let drained = DispatchGroup()
        DispatchQueue.global().async(group: drained) {
            let data = readToEnd(errors)
            stderrData.withLock { $0 = data }
        }
        let stdout = readToEnd(output)
        drained.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderrData.withLock { $0 }, as: UTF8.self))
    }

    /// Everything `pipe` yields until its writers close it.
    ///
    /// Read with `read(2)`, retrying `EINTR`: Foundation's `readDataToEndOfFile()` traps on an interrupted
    /// read (a `try!` inside), which took the whole test process down when 200 clients ran at once.
    static func readToEnd(_ pipe: Pipe) -> Data {
        let descriptor = pipe.fileHandleForReading.fileDescriptor
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                data.append(contentsOf: buffer[..<count])
            } else if count < 0, errno == EINTR {
                continue
            } else {
                return data
            }
        }
    }
}
