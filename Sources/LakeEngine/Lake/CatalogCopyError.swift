/// Why `medlake catalog copy` refused or stopped. Every case leaves the lake as it was: `lake.toml` still
/// names `catalog.sqlite`, and the PostgreSQL catalog holds nothing of the copy.
public enum CatalogCopyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The lake's catalog is on PostgreSQL already.
    case alreadyOnPostgreSQL(url: String)
    /// Only the lake's owner (the owner of `lake.toml`) rewrites `lake.toml` and renames the catalog.
    case notOwner(user: String)
    /// A lake service answers on `socket`: it and its workers would go on writing the SQLite catalog.
    case serviceRunning(socket: String)
    /// The copy's audit chain does not verify at event `seq`.
    case auditChainBroken(seq: Int64, reason: String)
    /// The copy's audit log does not end where the SQLite catalog's does.
    case auditHeadDiffers(events: Int, head: String, copyEvents: Int, copyHead: String)

    public var description: String {
        switch self {
        case .alreadyOnPostgreSQL(let url):
            "the lake's catalog is on PostgreSQL already (\(url))"
        case .notOwner(let user):
            "only the lake's owner (the owner of lake.toml) can move its catalog, not \(user)"
        case .serviceRunning(let socket):
            "a lake service answers on \(socket): stop it (and its workers) before moving the catalog"
        case .auditChainBroken(let seq, let reason):
            "the copied audit log does not verify at event \(seq): \(reason); the copy was rolled back"
        case .auditHeadDiffers(let events, let head, let copyEvents, let copyHead):
            "the copied audit log (\(copyEvents) events, head \(copyHead)) is not the lake's (\(events) events, "
                + "head \(head)); the copy was rolled back"
        }
    }
}
