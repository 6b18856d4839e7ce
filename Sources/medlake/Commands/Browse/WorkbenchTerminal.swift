import LakeEngine
import TUI
import Workbench

/// Runs the workbench full-screen on the process's terminal.
enum WorkbenchTerminal {
    /// - Throws: ``LakeError/invalidArgument(_:)`` while this build has no terminal backend.
    static func run(_ workbench: Workbench, screen: Screen, choice: ThemeLoader.Choice) throws {
        throw LakeError.invalidArgument("This build has no terminal backend yet (TUICurses); use the CLI commands.")
    }
}
