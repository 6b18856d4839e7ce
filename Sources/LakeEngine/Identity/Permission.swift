/// Something a user may or may not do in a lake, with the roles that allow it.
///
/// Checks live in the engine (``Lake/authorize(_:)``), so the CLI and the workbench enforce the same rules.
public enum Permission: String, Sendable, CaseIterable {
    /// List and show catalog contents and the audit log.
    case read
    /// Ingest files into a dataset.
    case ingest
    /// Raise a quality flag.
    case addFlag
    /// Resolve a quality flag.
    case resolveFlag
    /// Waive a non-blocking quality flag.
    case waiveFlag
    /// Waive a blocking quality flag: a curator's call.
    case waiveBlockingFlag
    /// Change the lake's configuration (and grant access to datasets).
    case configure
    /// Queue, pause, resume or cancel migrations between tiers, apply lifecycle rules and run workers.
    case migrate
    /// Publish dataset versions, label datasets and request or execute promotions.
    case curate
    /// Record a training run against a manifest.
    case recordRun

    /// Roles allowed, in the order the audit log prefers when a user holds several.
    public var allowedRoles: [Role] {
        switch self {
        case .read: [.curator, .annotator, .operator, .admin]
        case .ingest: [.operator, .curator, .admin]
        case .addFlag, .resolveFlag, .waiveFlag: [.annotator, .curator]
        case .waiveBlockingFlag: [.curator]
        case .configure: [.admin]
        case .migrate: [.operator, .admin]
        case .curate: [.curator, .admin]
        case .recordRun: [.operator, .curator, .admin]
        }
    }
}
