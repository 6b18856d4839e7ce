import TUI

extension CursesTerminal {
    /// Runs `program` full-screen until it quits or the terminal hangs up, restoring the terminal on
    /// the way out, also when the loop throws.
    ///
    /// Call it from the main actor before anything else touches the terminal. It first makes sure a
    /// crash cannot leave the backtracer waiting on a raw screen (``BacktraceSetting``; this may
    /// re-execute the process). `mouse: false` leaves the mouse to the terminal. `makeModel` receives the
    /// terminal's size.
    public static func run<P: Program>(
        _ program: P,
        theme: Theme,
        noColor: Bool,
        mouse: Bool = true,
        makeModel: (Size) -> P.Model
    ) throws {
        BacktraceSetting.ensureNonInteractive()
        let terminal = try CursesTerminal(mouse: mouse)
        defer { terminal.stop() }
        let runtime = Runtime(
            program: program,
            model: makeModel(terminal.size),
            backend: terminal,
            theme: theme,
            noColor: noColor
        )
        try runtime.run()
    }
}
