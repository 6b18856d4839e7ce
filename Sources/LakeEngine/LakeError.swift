import Catalog

/// A failure of a lake operation, in words a user can act on. Never carries patient data.
public enum LakeError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The process's user id has no password-database entry.
    case unknownUser(uid: UInt32)
    /// No lake was given and none was found above `start`.
    case lakeNotFound(start: String)
    /// `init` was pointed at a folder that already holds a lake.
    case lakeExists(path: String)
    /// `user` holds none of the roles `permission` needs.
    case notPermitted(user: String, permission: Permission)
    /// Nothing in the catalog matches `id`.
    case notFound(kind: String, id: String)
    /// A code that is not in the lake's flag vocabulary.
    case unknownFlagCode(String)
    /// A flag that is not open cannot change state again.
    case flagNotOpen(id: Int64, state: String)
    /// Only a resolved or waived flag can be reopened.
    case flagAlreadyOpen(id: Int64)
    /// The code is in the vocabulary but not for this kind of target (an imaging code on a sample…).
    case flagCodeNotForTarget(code: String, kind: FlagTargetKind)
    /// A Unix group named in `lake.toml` or on the command line does not exist.
    case unknownGroup(String)
    /// A system call failed on `path`.
    case system(operation: String, path: String, errno: Int32)
    /// An argument a caller gave is unusable.
    case invalidArgument(String)
    /// The object sits in a tier whose reads need a restore first.
    case restoreRequired(object: String, tier: String, datasets: [String])
    /// A migration job cannot make the requested change from its current state.
    case jobState(id: Int64, state: MigrationJobState, action: String)

    public var description: String {
        switch self {
        case .unknownUser(let uid): "user id \(uid) has no entry in the password database"
        case .lakeNotFound(let start):
            "no lake found: pass --lake PATH, set MEDLAKE_LAKE, or run inside a lake (no lake.toml above \(start))"
        case .lakeExists(let path): "\(path) already holds a lake (lake.toml exists)"
        case .notPermitted(let user, let permission):
            "\(user) may not \(permission.phrase): needs role \(permission.allowedRoles.map(\.rawValue).joined(separator: " or "))"
        case .notFound(let kind, let id): "no \(kind) matches \(id)"
        case .unknownFlagCode(let code): "flag code '\(code)' is not in the lake's vocabulary (see [flags.codes] in lake.toml)"
        case .flagNotOpen(let id, let state): "flag \(id) is \(state), not open"
        case .flagAlreadyOpen(let id): "flag \(id) is open already; only a resolved or waived flag can be reopened"
        case .flagCodeNotForTarget(let code, let kind):
            "flag code '\(code)' is not for a \(kind.rawValue) (see the codes offered for one)"
        case .unknownGroup(let name): "no Unix group named \(name)"
        case .system(let operation, let path, let errno): "\(operation) \(path) failed (errno \(errno))"
        case .invalidArgument(let message): message
        case .restoreRequired(let object, let tier, let datasets):
            "object \(object) is in tier '\(tier)', which needs a restore before reading: run `medlake restore "
                + (datasets.first ?? "DATASET") + " --to warm` and `medlake worker`, then read again"
        case .jobState(let id, let state, let action): "migration job \(id) is \(state) and cannot be \(action)"
        }
    }
}

extension Permission {
    /// The action in words, for error messages.
    var phrase: String {
        switch self {
        case .read: "read this lake"
        case .ingest: "ingest data"
        case .addFlag: "add quality flags"
        case .resolveFlag: "resolve quality flags"
        case .waiveFlag: "waive quality flags"
        case .waiveBlockingFlag: "waive blocking quality flags"
        case .configure: "change the lake's configuration"
        case .migrate: "move data between tiers"
        case .curate: "publish versions, label datasets or request promotions"
        case .recordRun: "record training runs"
        }
    }
}
