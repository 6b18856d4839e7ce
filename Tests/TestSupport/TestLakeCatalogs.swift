import Foundation
import Synchronization

@testable import Catalog

/// The catalogs of lakes that test processes (`medlake init`) create, by lake folder: for suites that make
/// their lakes through the binary rather than through a fixture value that could drop its own schema.
///
/// With `MEDLAKE_TEST_CATALOG=postgres` (``TestCatalog``) each such lake gets a fresh ``TestPostgres``
/// schema from ``newSchema(forLake:)``; every schema handed out is dropped when the test process exits.
public enum TestLakeCatalogs {
    /// The schemas handed out with their standardized lake folders, newest last (a folder made anew gets a
    /// new schema; the old one is still dropped at exit).
    private static let schemas = Mutex<[(lake: String, postgres: TestPostgres)]>([])

    /// A new schema for the lake `init` is about to make at `lake`, dropped when the process exits.
    /// - Throws: ``TestPostgresError/notConfigured`` when the environment names no server.
    public static func newSchema(forLake lake: String) throws -> TestPostgres {
        let postgres = try TestPostgres()
        keep(postgres, lake: standardized(lake))
        return postgres
    }

    /// A new schema kept until the process exits, then dropped with the rest: for fixtures (copied freely
    /// as values) whose lake may still be in use after the fixture itself is gone, such as
    /// `try TemporaryLake().owner`.
    /// - Throws: ``TestPostgresError/notConfigured`` when the environment names no server.
    public static func newSchema() throws -> TestPostgres {
        let postgres = try TestPostgres()
        keep(postgres, lake: "")
        return postgres
    }

    private static func keep(_ postgres: TestPostgres, lake: String) {
        let first = schemas.withLock { schemas in
            defer { schemas.append((lake, postgres)) }
            return schemas.isEmpty
        }
        if first { atexit { TestLakeCatalogs.dropAll() } }
    }

    /// The PostgreSQL schema of the lake at `lake`, when ``newSchema(forLake:)`` made one.
    public static func postgres(forLake lake: String) -> TestPostgres? {
        let lake = standardized(lake)
        return schemas.withLock { $0.last { $0.lake == lake }?.postgres }
    }

    /// Opens the catalog of the lake at `lake`, behind the lake's back (for checks and tampering): its
    /// PostgreSQL schema when it has one, else its `catalog.sqlite`.
    public static func store(forLake lake: String) throws -> CatalogStore {
        try postgres(forLake: lake)?.store() ?? CatalogStore(path: standardized(lake) + "/catalog.sqlite")
    }

    /// A copy of the test role's password file owned by the user `owner`, mode 0600, in a
    /// folder of this process's removed when it exits: a lake's `password_file` belongs to the lake's owner.
    public static func passwordFile(_ postgres: TestPostgres, owner: uid_t) throws -> String {
        try FileManager.default.createDirectory(
            atPath: passwordFolder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let path = passwordFolder + "/catalog.password-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: postgres.passwordFile, toPath: path)
        try FileManager.default.setAttributes([.ownerAccountID: NSNumber(value: owner), .posixPermissions: 0o600], ofItemAtPath: path)
        return path
    }

    /// Where ``passwordFile(_:owner:)`` puts its copies.
    private static let passwordFolder = NSTemporaryDirectory() + "catalog-passwords-\(getpid())"

    private static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// Drops every schema handed out (best effort, over one connection).
    private static func dropAll() {
        try? FileManager.default.removeItem(atPath: passwordFolder)
        let all = schemas.withLock { $0.map(\.postgres.location.schema) }
        guard let scratch = try? TestPostgres(), let store = try? scratch.store() else { return }
        for schema in all + [scratch.location.schema] {
            try? store.execute("DROP SCHEMA IF EXISTS \(schema) CASCADE")
        }
    }
}
