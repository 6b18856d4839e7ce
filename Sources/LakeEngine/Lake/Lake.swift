import Catalog
import Foundation
import Storage

/// An open lake: its folder, configuration, catalog and tiers, and the user acting on it.
///
/// Every service the CLI and the workbench call hangs off this type (ingest, queries, flags, audit), and
/// each checks the acting user's roles itself. Open it once per process with ``open(at:)``; it is
/// `Sendable` and safe to share between threads (the catalog's `DatabasePool` serializes writes).
///
/// ## Topics
/// - ``create(at:)``, ``open(at:)``, ``locate(explicit:environment:workingDirectory:)``
/// - ``ingest(_:dataset:options:progress:)``
/// - ``datasets(modality:assay:zone:)``, ``studies(dataset:)``, ``series(dataset:studyUID:)``, ``show(_:)``
/// - ``addFlag(target:code:severity:note:)``, ``listFlags(_:)``, ``resolveFlag(id:note:)``, ``waiveFlag(id:reason:)``
/// - ``auditEvents(_:)``, ``verifyAudit()``
public final class Lake: Sendable {
    /// The lake folder.
    public let root: String
    public let configuration: LakeConfiguration
    public let catalog: CatalogStore
    /// Who is acting: the process's OS user.
    public let actor: Identity
    /// The lake's id, kept in `lake.id` and in the catalog (see ``LakeIntegrityError``).
    public let id: String
    /// Object reads not yet written as last-access times.
    let accesses: AccessRecorder
    /// Reads through grants already audited in this session (see ``GrantedReadLog`` for the rule).
    let grantedReads = GrantedReadLog()
    /// The lake's keys read so far (see ``LakeKeyPurpose``).
    let keyRing = LakeKeyRing()

    /// The configuration file's name inside the lake folder.
    public static let configurationFileName = "lake.toml"
    /// The catalog file's name inside the lake folder.
    public static let catalogFileName = "catalog.sqlite"

    init(
        root: String, configuration: LakeConfiguration, catalog: CatalogStore, actor: Identity, id: String,
        accesses: AccessRecorder = AccessRecorder()
    ) {
        self.accesses = accesses
        self.root = root
        self.configuration = configuration
        self.catalog = catalog
        self.actor = actor
        self.id = id
    }

    /// Opens the lake in `root` as the process's OS user. Roles claimed in `lake.local.toml` (see
    /// ``claimUnused()``) are added to those `lake.toml` names.
    ///
    /// A `lake.toml` edited since the catalog last saw it is audited first (`config.changed`, see
    /// ``auditConfigurationChange(text:)``). Opened by its owner, a lake made by an older version gets
    /// its missing keys, its audit log's keyed switch-over and keyed pseudonyms (``adoptKeys()``).
    ///
    /// Only a personal lake opens (``requirePersonal(root:)``): a lake shared with anyone is reached
    /// through its service. Nothing is created: the catalog must exist, hold data and belong to this lake (its id matches
    /// `lake.id`; only a lake never used, with no `lake.id` and no stored object, gets a new catalog);
    /// the tier folders must pass the tier-folder rules (``LakeConfiguration``); and each tier folder's
    /// identity must be this lake's (a folder without one is adopted when empty or consistent, see
    /// `docs/integrity.md`). With `verifyingTiers` false a wrong tier identity is left for the caller to
    /// report (``fsck(full:repair:orphanGrace:)`` does).
    /// - Throws: ``PersonalLakeError``, ``LakeIntegrityError``, ``ConfigurationError``.
    public static func open(at root: String, verifyingTiers: Bool = true) throws -> Lake {
        try open(at: root, as: Identity.current(), verifyingTiers: verifyingTiers)
    }

    /// Opens the lake as `actor`. Internal: only tests choose the actor; commands use ``open(at:verifyingTiers:)``.
    static func open(at root: String, as actor: Identity, verifyingTiers: Bool = true) throws -> Lake {
        try requirePersonal(root: root)
        let (configuration, text) = try readConfiguration(root: root)
        try requirePersonal(root: root, configuration: configuration)
        let catalog = try openCatalog(root: root, configuration: configuration)
        let id = try bindIdentity(
            root: root, catalog: catalog, catalogName: catalogName(root: root, configuration: configuration))
        let lake = Lake(root: root, configuration: configuration, catalog: catalog, actor: actor, id: id)
        if verifyingTiers { try lake.checkTierIdentities() }
        try lake.adoptKeys()
        try lake.auditConfigurationChange(text: text)
        return lake
    }

    /// Reads and checks `lake.toml` (with `lake.local.toml`'s roles merged in), returning it and its text.
    /// - Throws: ``ConfigurationError`` naming the file, line and key; ``LakeError/system(operation:path:errno:)``
    ///   when the file may not be read.
    static func readConfiguration(root: String) throws -> (configuration: LakeConfiguration, text: String) {
        let configurationPath = root + "/" + configurationFileName
        let text: String
        do {
            text = try String(contentsOfFile: configurationPath, encoding: .utf8)
        } catch let error as CocoaError where error.code == .fileReadNoPermission {
            // Say so plainly: a user outside the lake's group gets a permission failure, not a vague one.
            throw LakeError.system(operation: "read", path: configurationPath, errno: EACCES)
        } catch {
            throw ConfigurationError(path: configurationPath, line: nil, key: nil, message: "cannot read the file")
        }
        var configuration = try LakeConfiguration(toml: text, path: configurationPath)
        configuration.mergeRoles(try LocalRoles.read(root: root))
        try configuration.checkTierFolders(lakeRoot: root, text: text, path: configurationPath)
        return (configuration, text)
    }

    // MARK: - Tiers

    /// The filesystem backend of tier `name`.
    ///
    /// - Throws: ``LakeError/invalidArgument(_:)`` for an S3 tier (use ``s3Tier(named:environment:)``).
    public func tier(named name: String) throws -> FileSystemTier {
        guard let tier = configuration.tiers[name] else { throw LakeError.notFound(kind: "tier", id: name) }
        if tier.s3 != nil { throw LakeError.invalidArgument("Tier '\(name)' is an S3 tier, not a folder.") }
        let path = tier.path.hasPrefix("/") ? tier.path : root + "/" + tier.path
        return FileSystemTier(name: name, root: path)
    }

    /// Where the object with `digest` lives when it is in tier `tierName`.
    public func objectPath(_ digest: ObjectDigest, tier tierName: String) throws -> String {
        try tier(named: tierName).path(of: digest)
    }

    // MARK: - Permissions

    /// Checks that the actor may do `permission` and returns the role that allows it (recorded in audit).
    /// - Throws: ``LakeError/notPermitted(user:permission:)``.
    @discardableResult
    public func authorize(_ permission: Permission) throws -> Role {
        let held = Set(actorRoles)
        guard let role = permission.allowedRoles.first(where: held.contains) else {
            throw LakeError.notPermitted(user: actor.user, permission: permission)
        }
        return role
    }

    /// The roles the actor holds: those `lake.toml` names for a user; exactly its one role for a token
    /// caller (whatever `lake.toml` says about a `token:` name).
    public var actorRoles: [Role] {
        if let token = actor.token { return [token.role] }
        return configuration.roles(of: actor.user)
    }
}
