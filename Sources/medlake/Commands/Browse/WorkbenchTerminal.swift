import Foundation
import LakeEngine
import TUI
import TUICurses
import Workbench

/// Runs the workbench full-screen on the process's terminal (ncurses), restoring it on the way out.
enum WorkbenchTerminal {
    @MainActor
    static func run(_ workbench: Workbench, screen: Screen, choice: ThemeLoader.Choice, notice: String?, mouse: Bool) throws {
        try CursesTerminal.run(workbench, theme: choice.theme, noColor: choice.noColor, mouse: mouse) { size in
            WorkbenchModel(size: size, screen: screen, notice: notice)
        }
    }

    /// `w` on the Migrations screen starts this same executable as `medlake worker` (a lake open in-process).
    static var workerLauncher: WorkerLauncher? {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments.first
        return executable.map(WorkerLauncher.init(executable:))
    }
}
