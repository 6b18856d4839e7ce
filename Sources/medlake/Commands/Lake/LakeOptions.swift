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
    ///
    /// - Throws: ``SampleLakeNotBuilt`` for a sample lake found without `--lake` whose catalog the
    ///   workbench has not built yet (its first open does that; a command would only see an empty lake).
    ///   With `--lake` the lake opens as given: the sample setup itself runs commands that way.
    func open() throws -> Lake {
        let root = try Lake.locate(
            explicit: lake, environment: ProcessInfo.processInfo.environment,
            workingDirectory: FileManager.default.currentDirectoryPath)
        let opened = try Lake.open(at: root)
        if lake == nil, try SampleLakeSetup.needsSetup(opened) { throw SampleLakeNotBuilt(root: root) }
        return opened
    }
}
