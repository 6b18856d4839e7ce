import ArgumentParser
import Foundation
import LakeEngine

/// Options every lake command shares: which lake, and whether to print JSON.
struct LakeOptions: ParsableArguments {
    @Option(name: .long, help: "The lake folder (default: $MEDLAKE_LAKE, else the nearest lake.toml above).")
    var lake: String?

    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false

    /// Opens the lake as the process's OS user.
    func open() throws -> Lake {
        let root = try Lake.locate(
            explicit: lake, environment: ProcessInfo.processInfo.environment,
            workingDirectory: FileManager.default.currentDirectoryPath)
        return try Lake.open(at: root)
    }
}
