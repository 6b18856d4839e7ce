import Glibc

/// Makes sure the Swift backtracer will not take over the screen.
///
/// On a crash the backtracer writes into the raw screen and, when interactive, waits 30 s for
/// input. It reads `SWIFT_BACKTRACE` once at process start, so setting it later is useless: this
/// re-executes the program with `interactive=no` added, before the terminal is touched.
public enum BacktraceSetting {
    /// Re-executes the current program with `SWIFT_BACKTRACE` including `interactive=no`, unless it
    /// already says how to be interactive. Returns only if no re-execution was needed or it failed.
    public static func ensureNonInteractive() {
        let current = getenv("SWIFT_BACKTRACE").map { String(cString: $0) } ?? ""
        guard !current.contains("interactive=") else { return }
        let value = current.isEmpty ? "interactive=no" : current + ",interactive=no"
        setenv("SWIFT_BACKTRACE", value, 1)
        let arguments = CommandLine.arguments.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        execv("/proc/self/exe", arguments)
    }
}
