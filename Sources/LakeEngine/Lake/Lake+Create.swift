import Catalog
import Foundation
import Storage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Lake {
    /// Creates a personal lake in `path` (a new or empty folder) with the acting user in every role.
    ///
    /// Everything belongs to the acting user alone: `lake.toml` and `catalog.sqlite` (WAL, recording the
    /// same lake id) 0600, `lake.id` 0400, the lake folder, the tier folders (each with its
    /// ``TierIdentity``) and `keys/` 0700, and the lake's keys (audit, catalog pseudonyms,
    /// de-identification; ``KeyFile``) 0600. The audit log starts keyed: its `lake.init` records the roles.
    /// Such a lake opens in-process (``requirePersonal(root:)``); to share it, `medlake init
    /// --service-user` hands the new lake to a service account (``handOver(root:toUser:group:)``).
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
    public static func create(at path: String, catalog: CatalogSettings = .sqlite) throws -> Lake {
        try create(at: path, catalog: catalog, as: Identity.current())
    }

    static func create(
        at path: String, catalog settings: CatalogSettings = .sqlite, as actor: Identity,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Lake {
        let root = URL(fileURLWithPath: path).standardizedFileURL.path
        let configurationPath = root + "/" + configurationFileName
        if FileManager.default.fileExists(atPath: configurationPath) { throw LakeError.lakeExists(path: root) }
        if let entries = try? FileManager.default.contentsOfDirectory(atPath: root), !entries.isEmpty {
            throw LakeError.invalidArgument("Please create the lake in a new or empty folder (\(root) holds files).")
        }
        let newID = UUID().uuidString.lowercased()
        let postgres = try settings.postgres.map { location in
            try emptyPostgresCatalog(location, settings: settings, root: root, lake: newID, environment: environment)
        }

        try makePrivateFolder(root)
        let name = URL(fileURLWithPath: root).lastPathComponent
        var text = LakeConfiguration.defaultTOML(name: name, owner: actor.user)
        if let location = settings.postgres { text += CatalogSettings.toml(location, passwordFile: settings.passwordFile) }
        try writeNewFile(configurationPath, contents: Array(text.utf8), mode: 0o600)
        let configuration = try LakeConfiguration(toml: text, path: configurationPath)
        try configuration.checkTierFolders(lakeRoot: root, text: text, path: configurationPath)
        let id = try createIdentityFile(root: root, id: newID)

        let catalog: CatalogStore
        if let postgres {
            catalog = postgres
        } else {
            let catalogPath = root + "/" + catalogFileName
            // SQLite gives the WAL and shared-memory files (which outlive each process) the catalog's mode, so
            // the catalog exists with its final mode before SQLite opens it.
            try writeNewFile(catalogPath, contents: [], mode: 0o600)
            catalog = try CatalogStore(path: catalogPath)
        }
        try catalog.write { tx in try tx.recordLakeIdentity(id) }
        let lake = Lake(root: root, configuration: configuration, catalog: catalog, actor: actor, id: id)
        try makePrivateFolder(root + "/tiers")
        for name in configuration.tiers.keys.sorted() where configuration.tiers[name]?.s3 == nil {
            let tier = try lake.tier(named: name)
            try tier.prepare()
            _ = try tier.writeIdentity(lake.expectedIdentity(of: name))
        }
        _ = try lake.deidentificationKey()
        for purpose in LakeKeyPurpose.allCases {
            _ = try KeyFile.loadOrCreate(path: lake.keyPath(purpose))
        }
        try catalog.write { tx in
            try lake.appendAudit(
                tx, role: .admin, action: "lake.init", target: name,
                details: [
                    "tiers": configuration.tiers.keys.sorted().joined(separator: ","),
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

    private static func makePrivateFolder(_ path: String) throws {
        if mkdir(path, 0o700) != 0, errno != EEXIST {
            throw LakeError.system(operation: "mkdir", path: path, errno: errno)
        }
        // Set explicitly: the umask must not widen or narrow it, and an existing empty folder is taken over.
        guard chmod(path, 0o700) == 0 else { throw LakeError.system(operation: "chmod", path: path, errno: errno) }
    }

    /// Writes a new file with exactly `mode` (whatever the umask), synced to disk.
    static func writeNewFile(_ path: String, contents: [UInt8], mode: mode_t) throws {
        let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw LakeError.system(operation: "create", path: path, errno: errno) }
        defer { close(descriptor) }
        let written = contents.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == contents.count, fchmod(descriptor, mode) == 0, fsync(descriptor) == 0 else {
            throw LakeError.system(operation: "write", path: path, errno: errno)
        }
    }
}
