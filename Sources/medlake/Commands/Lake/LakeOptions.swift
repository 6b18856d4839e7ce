import ArgumentParser
import Foundation
import LakeClient
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
        try open(at: try root())
    }

    /// The lake's API: its service's when one answers on the lake's socket, else the engine in-process.
    ///
    /// A lake whose socket file remains but whose service is gone (stopped or killed) opens in-process
    /// when the user can read it (a personal lake); when they cannot (a service-owned lake), the failure
    /// says the service is not running rather than "permission denied".
    func api() throws -> any LakeAPI {
        let root = try root()
        if let socket = Lake.liveServiceSocket(root: root) { return LakeClient(socketPath: socket) }
        let socket = root + "/" + Lake.serviceSocketFileName
        do {
            return try open(at: root)
        } catch where FileManager.default.fileExists(atPath: socket) && Self.isPermissionDenied(error) {
            throw LakeClientError.unreachable(socket: socket, reason: "nothing answers on it")
        }
    }

    /// The lake folder: `--lake`, `$MEDLAKE_LAKE` or the nearest lake.
    private func root() throws -> String {
        try Lake.locate(
            explicit: lake, environment: ProcessInfo.processInfo.environment,
            workingDirectory: FileManager.default.currentDirectoryPath)
    }

    private func open(at root: String) throws -> Lake {
        let opened = try Lake.open(at: root)
        if lake == nil, try SampleLakeSetup.needsSetup(opened) { throw SampleLakeNotBuilt(root: root) }
        return opened
    }

    private static func isPermissionDenied(_ error: any Error) -> Bool {
        CommandFailure(error).code == .permissionDenied
    }
}
