import Catalog
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a lake's catalog is opened: the one place that reads `[catalog]` (``CatalogSettings``) and picks
/// the SQLite file beside `lake.toml` or the PostgreSQL catalog it names.
extension Lake {
    /// Opens the catalog `configuration` names for the lake in `root`.
    ///
    /// SQLite: refuses a missing or empty `catalog.sqlite` (unless the lake was never used, see
    /// ``requireCatalogFile(root:configuration:)``) before SQLite would create an empty one. PostgreSQL: logs
    /// in with ``catalogPassword(root:settings:environment:)`` and migrates the schema as SQLite's is.
    /// - Throws: ``LakeIntegrityError``, ``CatalogError`` (a password file others may read, a server that
    ///   refuses the login).
    static func openCatalog(
        root: String, configuration: LakeConfiguration,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> CatalogStore {
        guard let location = configuration.catalog.postgres else {
            try requireCatalogFile(root: root, configuration: configuration)
            let path = root + "/" + catalogFileName
            // An unused lake's first catalog is as private as the rest (SQLite would make it 0644).
            if !FileManager.default.fileExists(atPath: path) { try writeNewFile(path, contents: [], mode: 0o600) }
            return try CatalogStore(path: path)
        }
        let password = try catalogPassword(root: root, settings: configuration.catalog, environment: environment)
        return try CatalogStore(postgres: location, password: password)
    }

    /// The PostgreSQL catalog's password: `$MEDLAKE_CATALOG_PASSWORD`, else the file
    /// `$MEDLAKE_CATALOG_PASSWORD_FILE` names, else `[catalog] password_file`, which must belong to the lake's
    /// owner (the owner of `lake.toml`) and be readable by nobody else; nil when none is given.
    /// - Throws: ``CatalogError/badPasswordFile(path:reason:)``.
    static func catalogPassword(
        root: String, settings: CatalogSettings, environment: [String: String]
    ) throws -> String? {
        guard let location = settings.postgres else { return nil }
        let file = settings.passwordFile.map { $0.hasPrefix("/") ? $0 : root + "/" + $0 }
        return try location.password(environment: environment, file: file, owner: try owner(of: root))
    }

    /// The lake's owner: the user owning its `lake.toml`.
    static func owner(of root: String) throws -> uid_t {
        let path = root + "/" + configurationFileName
        var info = stat()
        guard stat(path, &info) == 0 else { throw LakeError.system(operation: "stat", path: path, errno: errno) }
        return info.st_uid
    }

    /// The catalog as messages name it: the SQLite file's path, or the PostgreSQL URL (never a password).
    static func catalogName(root: String, configuration: LakeConfiguration) -> String {
        configuration.catalog.postgres?.description ?? root + "/" + catalogFileName
    }

    /// This lake's catalog as messages name it (``catalogName(root:configuration:)``).
    public var catalogName: String { Self.catalogName(root: root, configuration: configuration) }
}
