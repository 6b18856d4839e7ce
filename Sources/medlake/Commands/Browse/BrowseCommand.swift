import ArgumentParser
import Foundation
import LakeClient
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
            else ./SampleLake (built on first open from its committed sources). When a lake service answers on \
            the lake's socket the workbench goes through it; otherwise it opens the lake in-process, which only \
            a personal lake allows (its files the user's alone).
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
            let choice = try ThemeLoader().choose(flag: theme, environment: environment, lakeConfig: nil)
            let first = Screen(rawValue: screen) ?? .overview
            if let socket = Lake.liveServiceSocket(root: root) {
                // A served lake: every read and write goes through the service, as the kernel names us.
                let client = LakeClient(socketPath: socket)
                let session = try await WorkbenchSession.fetch(
                    from: client, lakeName: URL(fileURLWithPath: root).lastPathComponent, location: socket)
                try WorkbenchTerminal.run(
                    Workbench(api: client, engine: nil, session: session), screen: first, choice: choice,
                    notice: nil, mouse: !noMouse)
                return
            }
            // A fresh clone of the sample lake is made personal before its first open builds it.
            if SampleLakeSetup.isUnbuilt(root: root) { SampleLakeSetup.makePersonal(root: root) }
            var opened = try Self.openInProcess(root)
            var note: SampleSetupNote?
            if try SampleLakeSetup.needsSetup(opened) { (opened, note) = try await SampleLakeSetup.build(opened) }
            try WorkbenchTerminal.run(
                Workbench(lake: opened, workerLauncher: WorkbenchTerminal.workerLauncher), screen: first,
                choice: choice, notice: note?.description, mouse: !noMouse)
        }
    }

    /// Opens the lake in-process (a personal lake); where the user may not open a lake that has a socket
    /// file, says the service is not running rather than why the lake is not theirs (as
    /// ``LakeOptions/api()`` does).
    private static func openInProcess(_ root: String) throws -> Lake {
        let socket = root + "/" + Lake.serviceSocketFileName
        do {
            return try Lake.open(at: root)
        } catch where FileManager.default.fileExists(atPath: socket) && LakeOptions.isRefusedInProcess(error) {
            throw LakeClientError.unreachable(socket: socket, reason: "nothing answers on it")
        }
    }
}
