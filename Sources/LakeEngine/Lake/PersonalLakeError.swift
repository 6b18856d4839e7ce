/// Why a lake was refused in-process: it is not a personal lake of the running user.
///
/// Only a personal lake opens in-process: its folder, every file beside `lake.toml` and each folder tier
/// belong to the running user and give group and others nothing (the lake folder may let them search it,
/// to reach a service's socket). Any other lake is reached through its service, which alone opens it, so
/// that no rule the engine enforces can be stepped around with `sqlite3` or `cat` (see `docs/service.md`).
public enum PersonalLakeError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// `path` in the lake belongs to user id `owner` (nil: its folder hides it), not to the running user
    /// `user`. Root included: root opening another user's lake in-process would act outside that lake's
    /// service and leave files (WAL, objects, keys) its owner cannot use.
    case notOwner(root: String, path: String, owner: UInt32?, user: UInt32)
    /// `path` in the lake gives group or others access (`mode` holds its permission bits).
    case sharedAccess(root: String, path: String, mode: UInt32)

    /// The lake folder.
    public var root: String {
        switch self {
        case .notOwner(let root, _, _, _), .sharedAccess(let root, _, _): root
        }
    }

    /// The file or folder that made the lake not personal.
    public var path: String {
        switch self {
        case .notOwner(_, let path, _, _), .sharedAccess(_, let path, _): path
        }
    }

    public var description: String {
        let reason =
            switch self {
            case .notOwner(_, let path, let owner, let user):
                "\(path) belongs to \(owner.map { "user id \($0)" } ?? "another user"), not to you (user id \(user))"
            case .sharedAccess(_, let path, let mode):
                "\(path) gives access to group or others (mode \(String(mode & 0o7777, radix: 8)))"
            }
        return "the lake in \(root) is not a personal lake, so it does not open in-process: \(reason). "
            + "A shared lake is reached only through its service: as root, hand it to a service account "
            + "(`medlake share \(root) --service-user NAME`) and run `medlake serve --lake \(root)`; "
            + "to keep it personal instead, its owner runs `chmod -R go= \(root)`"
    }
}
