import TUI
import TUICurses
import Workbench

/// Runs the workbench full-screen on the process's terminal (ncurses), restoring it on the way out.
enum WorkbenchTerminal {
    @MainActor
    static func run(_ workbench: Workbench, screen: Screen, choice: ThemeLoader.Choice) throws {
        try CursesTerminal.run(workbench, theme: choice.theme, noColor: choice.noColor) { size in
            WorkbenchModel(size: size, screen: screen)
        }
    }
}
