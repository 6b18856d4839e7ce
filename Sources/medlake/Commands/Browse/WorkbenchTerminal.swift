import Foundation
import LakeEngine
import TUI
import TUICurses
import Workbench

/// Runs the workbench full-screen on the process's terminal (ncurses), restoring it on the way out.
enum WorkbenchTerminal {
    @MainActor
    static func run(_ lake: Lake, screen: Screen, choice: ThemeLoader.Choice, notice: String?, mouse: Bool) throws {
        // `w` on the Migrations screen starts this same executable as `medlake worker`.
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments.first
        let workbench = Workbench(lake: lake, workerLauncher: executable.map(WorkerLauncher.init(executable:)))
        try CursesTerminal.run(workbench, theme: choice.theme, noColor: choice.noColor, mouse: mouse) { size in
            WorkbenchModel(size: size, screen: screen, notice: notice)
        }
    }
}
