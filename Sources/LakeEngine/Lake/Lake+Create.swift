import Catalog
import Foundation
import Storage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Lake {
    /// Creates a lake in `path` (a new or empty folder) with the acting user in every role.
    ///
    /// Writes `lake.toml` (0640), `lake.id` (0440), `catalog.sqlite` (0660, WAL, recording the same lake
    /// id), the tier folders (02770, each with its ``TierIdentity``) and the lake's keys — audit, catalog
    /// pseudonyms, de-identification (``KeyFile``: 0600 in a 0700 `keys/`; 0640 in 02750 with a group) —
    /// with no world access. The audit log starts keyed: its `lake.init` records the roles. When `group` is given the lake's files belong to that Unix group, so the users named in
    /// `[roles]` (members of the group) can share it; the setgid bit makes new files inherit the group.
    ///
    /// With `catalog` naming a PostgreSQL catalog (``CatalogSettings``), `lake.toml` records it under
    /// `[catalog]` and no `catalog.sqlite` is made: the catalog must hold no row (checked before anything is
    /// created or migrated, so another lake's catalog is refused untouched), is migrated by the same
    /// migrations, and records the new lake's id. Its password comes from `$MEDLAKE_CATALOG_PASSWORD`, or
    /// `catalog.passwordFile`, which must belong to the acting user (the lake's owner) and no one else may
    /// read.
    /// - Throws: ``LakeIntegrityError/catalogOfAnotherLake(path:catalogLake:lake:)`` for a catalog holding
    ///   another lake's, ``CatalogError`` (``CatalogError/catalogNotEmpty(url:table:lake:)``, a password file
    ///   others may read, a server refusing the login), ``LakeError``.
    public static func create(at path: String, group: String? = nil, catalog: CatalogSettings = .sqlite) throws -> Lake {
        try create(at: path, group: group, catalog: catalog, as: Identity.current())
    }

    static func create(
        at path: String, group: String?, catalog settings: CatalogSettings = .sqlite, as actor: Identity,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Lake {
        let root = URL(fileURLWithPath: path).standardizedFileURL.path
        let configurationPath = root + "/" + configurationFileName
        if FileManager.default.fileExists(atPath: configurationPath) { throw LakeError.lakeExists(path: root) }
        if let entries = try? FileManager.default.contentsOfDirectory(atPath: root), !entries.isEmpty {
            throw LakeError.invalidArgument("Please create the lake in a new or empty folder (\(root) holds files).")
        }
        let groupID = try group.map(groupID(named:))
        let newID = UUID().uuidString.lowercased()
        let postgres = try settings.postgres.map { location in
            try emptyPostgresCatalog(location, settings: settings, root: root, lake: newID, environment: environment)
        }

        try makeSharedFolder(root, group: groupID)
        let name = URL(fileURLWithPath: root).lastPathComponent
        var text = LakeConfiguration.defaultTOML(name: name, owner: actor.user, group: group)
        if let location = settings.postgres { text += CatalogSettings.toml(location, passwordFile: settings.passwordFile) }
        try writeNewFile(configurationPath, contents: Array(text.utf8), mode: 0o640, group: groupID)
        let configuration = try LakeConfiguration(toml: text, path: configurationPath)
        try configuration.checkTierFolders(lakeRoot: root, text: text, path: configurationPath)
        let id = try createIdentityFile(root: root, id: newID)

        let catalog: CatalogStore
        if let postgres {
            catalog = postgres
        } else {
            let catalogPath = root + "/" + catalogFileName
            // SQLite gives the WAL and shared-memory files (which outlive each process) the catalog's mode, so
            // the catalog exists with its final mode and group before SQLite opens it.
            try writeNewFile(catalogPath, contents: [], mode: 0o660, group: groupID)
            catalog = try CatalogStore(path: catalogPath)
            try setMode(catalogPath, 0o660, group: groupID)
        }
        try catalog.write { tx in try tx.recordLakeIdentity(id) }
        let lake = Lake(root: root, configuration: configuration, catalog: catalog, actor: actor, id: id)
        try makeSharedFolder(root + "/tiers", group: groupID)
        for name in configuration.tiers.keys.sorted() where configuration.tiers[name]?.s3 == nil {
            let tier = try lake.tier(named: name)
            try tier.prepare()
            for folder in [tier.root, tier.objectsFolder] { try setMode(folder, 0o2770, group: groupID) }
            _ = try tier.writeIdentity(lake.expectedIdentity(of: name))
        }
        _ = try lake.deidentificationKey()
        for purpose in LakeKeyPurpose.allCases {
            _ = try KeyFile.loadOrCreate(path: lake.keyPath(purpose), group: lake.keyGroup())
        }
        try catalog.write { tx in
            try lake.appendAudit(
                tx, role: .admin, action: "lake.init", target: name,
                details: [
                    "group": group ?? "", "tiers": configuration.tiers.keys.sorted().joined(separator: ","),
                    RoleSnapshot.detailKey: RoleSnapshot.text(configuration.roles),
                ]
            )
            try lake.recordConfigurationSnapshot(text: text, tx)
        }
        return lake
    }

    /// The PostgreSQL catalog a new lake (id `lake`) will use, checked to hold no row and then migrated.
    private static func emptyPostgresCatalog(
        _ location: PostgresCatalogLocation, settings: CatalogSettings, root: String, lake: String,
        environment: [String: String]
    ) throws -> CatalogStore {
        let file = settings.passwordFile.map { $0.hasPrefix("/") ? $0 : root + "/" + $0 }
        let password = try location.password(environment: environment, file: file, owner: geteuid())
        do {
            return try CatalogStore.emptyPostgres(location, password: password)
        } catch CatalogError.catalogNotEmpty(let url, _, let other?) {
            throw LakeIntegrityError.catalogOfAnotherLake(path: url, catalogLake: other, lake: lake)
        }
    }

    // MARK: - File helpers

    static func groupID(named name: String) throws -> gid_t {
        guard let entry = getgrnam(name) else { throw LakeError.unknownGroup(name) }
        return entry.pointee.gr_gid
    }

    private static func makeSharedFolder(_ path: String, group: gid_t?) throws {
        if mkdir(path, 0o2770) != 0, errno != EEXIST {
            throw LakeError.system(operation: "mkdir", path: path, errno: errno)
        }
        try setMode(path, 0o2770, group: group)
    }

    /// Sets `mode` explicitly (the umask must not widen or narrow what the lake shares) and the group.
    static func setMode(_ path: String, _ mode: mode_t, group: gid_t?) throws {
        if let group, chown(path, uid_t.max, group) != 0 {
            throw LakeError.system(operation: "chown", path: path, errno: errno)
        }
        guard chmod(path, mode) == 0 else { throw LakeError.system(operation: "chmod", path: path, errno: errno) }
    }

    static func writeNewFile(_ path: String, contents: [UInt8], mode: mode_t, group: gid_t?) throws {
        let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw LakeError.system(operation: "create", path: path, errno: errno) }
        defer { close(descriptor) }
        let written = contents.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == contents.count, fsync(descriptor) == 0 else {
            throw LakeError.system(operation: "write", path: path, errno: errno)
        }
        try setMode(path, mode, group: group)
    }
}
