/// Command-line options of `tui-demo`.
struct DemoOptions {
    var theme: String?
    /// Where to write the process id (for tests that check the process is gone).
    var pidFile: String?
    /// Start with the transfers paused.
    var paused = false
    /// Stop the transfers after this many ticks.
    var ticks: Int?
    /// Crash on `!` (a trap, as a bug would), to test that the terminal is restored.
    var crashKey = false
    /// Render this many frames headlessly at 200×60 and print timings instead of running.
    var benchFrames: Int?

    static let usage = """
        usage: tui-demo [--theme NAME|PATH] [--pid-file PATH] [--paused] [--ticks N] [--crash-key]
               [--bench-frames N]
        """

    /// Parses `arguments` (without the program name); nil on a bad or unknown option.
    init?(_ arguments: [String]) {
        var remaining = arguments[...]
        while let option = remaining.popFirst() {
            switch option {
            case "--paused": paused = true
            case "--crash-key": crashKey = true
            case "--theme", "--pid-file", "--ticks", "--bench-frames":
                guard let value = remaining.popFirst() else { return nil }
                switch option {
                case "--theme": theme = value
                case "--pid-file": pidFile = value
                case "--ticks":
                    guard let count = Int(value), count >= 0 else { return nil }
                    ticks = count
                default:
                    guard let count = Int(value), count > 0 else { return nil }
                    benchFrames = count
                }
            default: return nil
            }
        }
    }
}
