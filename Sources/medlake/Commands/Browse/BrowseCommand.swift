import ArgumentParser
import Foundation
import LakeEngine
import TUI
import TUICurses
import Workbench

/// `medlake` / `medlake browse`: the terminal workbench.
struct BrowseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "browse",
        abstract: "Open the terminal workbench on the lake (the default command).",
        discussion: """
            The lake is --lake, else $MEDLAKE_LAKE, else the nearest lake.toml above the current folder, \
            else ./SampleLake (built on first open from its committed sources).
            """)

    @Option(name: .long, help: "The lake folder.")
    var lake: String?

    @Option(name: .long, help: "A theme name or TOML file (default: $MEDLAKE_THEME, else the built-in theme).")
    var theme: String?

    @Option(name: .long, help: "The screen to open first.")
    var screen: String = Screen.overview.rawValue

    @Flag(name: .long, help: "Leave the mouse to the terminal (to select text) instead of clicking rows and scrolling.")
    var noMouse = false

    func validate() throws {
        guard Screen(rawValue: screen) != nil else {
            throw ValidationError("Please give a screen among: \(Screen.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
    }

    @MainActor
    func run() async throws {
        // The curses runtime re-executes the process once to switch off interactive backtraces; do it
        // before any work (the sample lake setup), which would otherwise run twice or lose its note.
        BacktraceSetting.ensureNonInteractive()
        try await reportingFailures {
            let environment = ProcessInfo.processInfo.environment
            let workingDirectory = FileManager.default.currentDirectoryPath
            let root = try Lake.locate(explicit: lake, environment: environment, workingDirectory: workingDirectory)
            var opened = try Lake.open(at: root)
            var note: SampleSetupNote?
            if try SampleLakeSetup.needsSetup(opened) { (opened, note) = try await SampleLakeSetup.build(opened) }
            let choice = try ThemeLoader().choose(flag: theme, environment: environment, lakeConfig: nil)
            try WorkbenchTerminal.run(opened, screen: Screen(rawValue: screen) ?? .overview, choice: choice,
                                      notice: note?.description, mouse: !noMouse)
        }
    }
}
