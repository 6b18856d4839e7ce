import Foundation

/// A private tmux server running one program in a detached session, for driving a TUI headlessly.
///
/// Each session has its own server socket (`tmux -L`), so `kill-server` only touches it. Waiting is
/// always on content (``waitFor(_:timeout:)``), never on a fixed sleep.
public final class TmuxSession {
    public let server = "medlake-test-\(UUID().uuidString.prefix(8))"

    public static var isAvailable: Bool {
        (try? TmuxSession.execute(["-V"])) != nil
    }

    /// Starts `command` under `sh -c` in a `width`×`height` pane with `environment` set.
    public init(command: String, width: Int = 100, height: Int = 30, environment: [String: String]) throws {
        var arguments = ["-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "\(width)", "-y", "\(height)"]
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { arguments += ["-e", "\(key)=\(value)"] }
        try run(arguments + [command], output: false)
    }

    deinit {
        _ = try? run(["kill-server"], output: false)
        let directory = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        try? FileManager.default.removeItem(atPath: "\(directory)/tmux-\(getuid())/\(server)")
    }

    /// Runs a tmux command on this server; `output: false` for commands that start processes, whose
    /// children could otherwise hold the output pipe open.
    @discardableResult
    public func run(_ arguments: [String], output: Bool = true) throws -> String {
        try Self.execute(["-L", server] + arguments, output: output)
    }

    /// The pane's text (with `escapes`, its SGR colour sequences too).
    public func capture(escapes: Bool = false) -> String {
        (try? run(["capture-pane", "-p", "-N"] + (escapes ? ["-e"] : []) + ["-t", "t"])) ?? ""
    }

    /// Sends tmux key names (`j`, `Tab`, `C-c`).
    public func send(_ keys: String...) throws {
        try run(["send-keys", "-t", "t"] + keys, output: false)
    }

    /// Polls the pane until `predicate` holds on its text; returns the last capture and whether it held.
    @discardableResult
    public func waitFor(_ predicate: (String) -> Bool, timeout: Double = 60) -> (held: Bool, screen: String) {
        let end = Date().addingTimeInterval(timeout)
        var screen = capture()
        while !predicate(screen) {
            guard Date() < end else { return (false, screen) }
            Thread.sleep(forTimeInterval: 0.02)
            screen = capture()
        }
        return (true, screen)
    }

    /// Waits until the pane shows `text`.
    @discardableResult
    public func waitFor(_ text: String, timeout: Double = 60) -> (held: Bool, screen: String) {
        waitFor({ $0.contains(text) }, timeout: timeout)
    }

    /// One of the pane's format variables (`mouse_standard_flag`, `pane_pid`), as tmux prints it.
    public func paneVariable(_ name: String) -> String {
        ((try? run(["display-message", "-p", "-t", "t", "#{\(name)}"])) ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs tmux with posix_spawn and an empty signal mask: the test runner's threads block signals,
    /// and a tmux server (and the panes it starts) inheriting that mask could not be hung up or
    /// terminated. Output goes through a temporary file, never a pipe a daemon could keep open.
    private static func execute(_ arguments: [String], output: Bool = true) throws -> String {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(
            &actions,
            1,
            output ? outputPath : "/dev/null",
            O_WRONLY | O_CREAT | O_TRUNC,
            0o600
        )
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGHUP, SIGINT, SIGTERM, SIGPIPE, SIGCHLD, SIGWINCH] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = (["tmux"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        // A minimal environment: the pane gets only what the test passes with -e (the test runner's
        // own environment may hold NO_COLOR, COLUMNS and the like).
        let inherited = ["PATH", "HOME", "TMUX_TMPDIR"].compactMap { name in
            ProcessInfo.processInfo.environment[name].map { "\(name)=\($0)" }
        }
        let envp = inherited.map { strdup($0) } + [nil]
        defer { envp.forEach { free($0) } }
        guard posix_spawnp(&pid, "tmux", &actions, &attributes, argv, envp) == 0 else {
            throw TmuxError(message: "cannot start tmux")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard status == 0 else { throw TmuxError(message: "tmux \(arguments.prefix(3)) exited with status \(status)") }
        return output ? ((try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "") : ""
    }
}

/// A tmux command that could not start or exited with a failure status.
public struct TmuxError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
