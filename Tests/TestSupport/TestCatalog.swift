import Foundation

/// Which store the LakeEngine tests put their lakes' catalogs on, chosen by `MEDLAKE_TEST_CATALOG`.
///
/// Unset or `sqlite`: each test lake has its `catalog.sqlite`. `postgres`: each test lake is created with
/// its catalog in a fresh schema of the test PostgreSQL server (``TestPostgres``), dropped when the lake's
/// fixture goes, so the same tests check both engines (issue #17). Tests that are about the SQLite file
/// itself say so with `.enabled(if: TestCatalog.isSQLite, "why")`.
public enum TestCatalog: String, Sendable {
    case sqlite
    case postgres

    /// The environment variable choosing the store.
    public static let variable = "MEDLAKE_TEST_CATALOG"

    /// The store this test process uses.
    /// - precondition: `MEDLAKE_TEST_CATALOG` is unset, `sqlite` or `postgres` (a misspelt value would
    ///   otherwise run the SQLite suite while claiming PostgreSQL).
    public static let current: TestCatalog = {
        guard let value = TestPostgres.environment[variable], !value.isEmpty else { return .sqlite }
        guard let store = TestCatalog(rawValue: value) else {
            preconditionFailure("\(variable)=\(value): expected sqlite or postgres")
        }
        return store
    }()

    /// Whether test lakes keep their catalog in `catalog.sqlite` (the condition of SQLite-only tests).
    public static var isSQLite: Bool { current == .sqlite }
}

/// A ``TestPostgres`` schema for fixtures (copied freely as values) that have no end of their own at which
/// to drop it: it is dropped when the test process exits (``TestLakeCatalogs/newSchema()``), not when the
/// fixture goes, since the lake it made may still be in use (`try TemporaryLake().owner`).
public final class TestPostgresSchema: Sendable {
    public let postgres: TestPostgres

    /// A new schema on the test server.
    /// - Throws: ``TestPostgresError/notConfigured`` when the environment names no server.
    public init() throws { postgres = try TestLakeCatalogs.newSchema() }
}
