import ArgumentParser
import Foundation
import LakeClient
import LakeEngine

/// Options every lake command shares: which lake, and whether to print JSON.
///
/// `--lake` (or `$MEDLAKE_LAKE`) may also be a lake service's URL, `https://HOST:PORT`: commands that go
/// through the API (``api()``) then call it over TCP with a bearer token.
struct LakeOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "The lake folder, or a lake service's https://HOST:PORT (default: $MEDLAKE_LAKE, else the nearest lake.toml above).")
    var lake: String?

    @Option(name: .long, help: "For a lake URL: the file holding the bearer token, mode 0600 (default: $MEDLAKE_TOKEN).")
    var tokenFile: String?

    @Option(name: .long, help: "For a lake URL: the CA certificate (PEM) to trust (default: $MEDLAKE_CA_FILE).")
    var caFile: String?

    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false

    /// The bearer token for a lake URL when no `--token-file` is given.
    static let tokenVariable = "MEDLAKE_TOKEN"
    /// The CA certificate for a lake URL when no `--ca-file` is given.
    static let caFileVariable = "MEDLAKE_CA_FILE"

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
    /// when it is the user's personal lake; when it is not (a service-owned lake), the failure says the
    /// service is not running rather than why the lake is not theirs. Any other lake that is not personal
    /// is refused (``PersonalLakeError``, which says how to serve it).
    ///
    /// - Parameter verifyingTiers: In-process, whether opening checks the tiers' identities (`fsck` reports
    ///   a wrong identity instead of failing on it).
    func api(verifyingTiers: Bool = true) throws -> any LakeAPI {
        if let remote = try remote() { return try LakeClient(remote: remote) }
        let root = try root()
        if let socket = Lake.liveServiceSocket(root: root) { return LakeClient(socketPath: socket) }
        let socket = root + "/" + Lake.serviceSocketFileName
        do {
            return try open(at: root, verifyingTiers: verifyingTiers)
        } catch where FileManager.default.fileExists(atPath: socket) && Self.isRefusedInProcess(error) {
            throw LakeClientError.unreachable(socket: socket, reason: "nothing answers on it")
        }
    }

    /// The lake service to take migration jobs from: over TCP when `--lake` (or `$MEDLAKE_LAKE`) is a URL (a
    /// worker on another host), over the lake's socket when a service answers there (a worker beside a
    /// served lake, which opens no catalog either); nil for a personal lake, whose worker opens the
    /// catalog itself.
    ///
    /// - Throws: ``LakeClientError/unreachable(socket:reason:)`` when the lake has a socket but nothing answers
    ///   on it (its service was killed): a served lake's worker waits for its service rather than opening
    ///   the catalog behind it, even as an account that could.
    func coordinator() throws -> (any MigrationCoordinator)? {
        if let remote = try remote() { return try LakeClient(remote: remote) }
        let root = try root()
        if let socket = Lake.liveServiceSocket(root: root) { return LakeClient(socketPath: socket) }
        let socket = root + "/" + Lake.serviceSocketFileName
        if FileManager.default.fileExists(atPath: socket) {
            throw LakeClientError.unreachable(socket: socket, reason: "nothing answers on it")
        }
        return nil
    }

    /// The remote lake `--lake` or `$MEDLAKE_LAKE` names with a URL, with its token (`--token-file`, else
    /// `$MEDLAKE_TOKEN`) and CA (`--ca-file`, else `$MEDLAKE_CA_FILE`); nil for a lake folder.
    private func remote() throws -> RemoteLake? {
        let environment = ProcessInfo.processInfo.environment
        guard let url = lake ?? environment[Lake.environmentVariable], RemoteLake.isURL(url) else { return nil }
        let token: String
        if let tokenFile {
            token = try RemoteLake.token(fromFile: tokenFile)
        } else if let variable = environment[Self.tokenVariable], !variable.isEmpty {
            token = variable
        } else {
            throw LakeClientError.missingToken(url: url)
        }
        return try RemoteLake(url: url, token: token, caFile: caFile ?? environment[Self.caFileVariable])
    }

    /// The lake folder: `--lake`, `$MEDLAKE_LAKE` or the nearest lake. Commands that work on the folder
    /// without opening the lake as usual (`fsck --rebuild-objects`) start here too, so a URL gets the same
    /// answer everywhere.
    /// - Throws: ``LakeError/invalidArgument(_:)`` for a URL: this command needs the lake folder itself.
    func root() throws -> String {
        if let url = lake ?? ProcessInfo.processInfo.environment[Lake.environmentVariable], RemoteLake.isURL(url) {
            throw LakeError.invalidArgument(
                "this command works on a lake folder, not over TCP (\(url)); run it on the service's host")
        }
        return try Lake.locate(
            explicit: lake, environment: ProcessInfo.processInfo.environment,
            workingDirectory: FileManager.default.currentDirectoryPath)
    }

    private func open(at root: String, verifyingTiers: Bool = true) throws -> Lake {
        // A fresh clone of the sample lake is not personal yet: the workbench's first open makes it so.
        if lake == nil, SampleLakeSetup.isUnbuilt(root: root) { throw SampleLakeNotBuilt(root: root) }
        let opened = try Lake.open(at: root, verifyingTiers: verifyingTiers)
        if lake == nil, try SampleLakeSetup.needsSetup(opened) { throw SampleLakeNotBuilt(root: root) }
        return opened
    }

    /// Whether `error` says the lake may not open in-process for this user: not theirs, or unreadable.
    static func isRefusedInProcess(_ error: any Error) -> Bool {
        error is PersonalLakeError || CommandFailure(error).code == .permissionDenied
    }
}
