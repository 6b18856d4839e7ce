import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts `medlake worker --lake ROOT --until-idle` for the open lake, detached: its own session (closing
/// the terminal does not stop it), stdin from `/dev/null`, stdout and stderr appended to the lake's
/// `worker.log`. The workbench keeps the pid to show the worker's state and reaps it when it ends.
public struct WorkerLauncher: Sendable {
    /// The `medlake` executable to run.
    public var executable: String

    /// The log file inside the lake folder.
    public static let logFileName = "worker.log"

    public init(executable: String) {
        self.executable = executable
    }

    /// Spawns the worker; returns its pid.
    /// - Throws: ``WorkerLaunchError`` naming the executable and `errno`.
    func launch(lake root: String) throws -> Int32 {
        let arguments = [executable, "worker", "--lake", root, "--until-idle"]
        let environment = ProcessInfo.processInfo.environment.map { $0.key + "=" + $0.value }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, root + "/" + Self.logFileName, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A new session, default handlers for the signals the workbench handles, nothing blocked.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGWINCH] { sigaddset(&defaults, signal) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &mask)
        // POSIX_SPAWN_SETSID (glibc 2.26+, not imported into Swift) | SETSIGDEF | SETSIGMASK.
        posix_spawnattr_setflags(&attributes, Int16(0x80 | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        let result = Self.withCStrings(arguments) { argv in
            Self.withCStrings(environment) { envp in
                posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
            }
        }
        guard result == 0 else { throw WorkerLaunchError(executable: executable, errno: result) }
        return pid
    }

    /// The state of child `pid`: running, or ended (reaped now) with its exit code or signal.
    static func state(of pid: Int32) -> WorkerProcess.State {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        if result == 0 { return .running }
        guard result == pid else { return .gone }
        let signal = status & 0x7F
        return signal == 0 ? .exited(code: (status >> 8) & 0xFF) : .killed(signal: signal)
    }

    private static func withCStrings<Result>(
        _ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> Result
    ) -> Result {
        let pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) } + [nil]
        defer { for pointer in pointers { free(pointer) } }
        return body(pointers)
    }
}

/// A worker this workbench started, and what became of it.
public struct WorkerProcess: Sendable, Hashable {
    public enum State: Sendable, Hashable {
        case running
        case exited(code: Int32)
        case killed(signal: Int32)
        /// Not a child of this process any more (reaped elsewhere).
        case gone
    }

    public var pid: Int32
    public var state: State

    /// `pid 123 running`, `pid 123 exited 0`.
    var summary: String {
        switch state {
        case .running: "pid \(pid) running"
        case .exited(let code): "pid \(pid) exited \(code)"
        case .killed(let signal): "pid \(pid) killed by signal \(signal)"
        case .gone: "pid \(pid) ended"
        }
    }
}

/// `posix_spawn` failed for the worker.
public struct WorkerLaunchError: Error, Sendable, CustomStringConvertible {
    public var executable: String
    public var errno: Int32

    public var description: String {
        "Cannot start a worker (\(executable)): " + String(cString: strerror(errno))
    }
}
