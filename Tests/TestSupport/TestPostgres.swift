import Foundation

@testable import Catalog

/// A PostgreSQL catalog of its own for one test, on the server `.ci/services.sh` starts
/// (`MEDLAKE_TEST_POSTGRES_URL`, with the role's password in the file `MEDLAKE_TEST_POSTGRES_PASSWORD_FILE`).
///
/// Each test gets a new schema of the test database (`?schema=t_<uuid>`): a catalog is one schema (see
/// ``PostgresCatalogLocation``), and the test role may create schemas but not databases. ``drop()`` removes
/// the schema with everything in it.
///
/// Tests needing it run when the URL is set, and always when `CI=true`, where a missing URL fails
/// (``available``) rather than skipping.
public struct TestPostgres: Sendable {
    /// The URL of the test's catalog, with its schema and without a password (what `lake.toml` records).
    public let url: String
    public let location: PostgresCatalogLocation
    /// The file holding the test role's password (0600, owned by the user running the tests).
    public let passwordFile: String

    public static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// Whether PostgreSQL tests run: the server is configured, or this is CI (where its absence fails).
    public static var available: Bool {
        environment["MEDLAKE_TEST_POSTGRES_URL"] != nil || environment["CI"] == "true"
    }

    /// A new schema's location on the test server.
    /// - Throws: ``TestPostgresError/notConfigured`` when the environment names no server.
    public init() throws {
        guard let base = Self.environment["MEDLAKE_TEST_POSTGRES_URL"],
            let passwordFile = Self.environment["MEDLAKE_TEST_POSTGRES_PASSWORD_FILE"]
        else { throw TestPostgresError.notConfigured }
        let schema = "t_" + UUID().uuidString.lowercased().filter(\.isHexDigit)
        url = base + (base.contains("?") ? "&" : "?") + "schema=" + schema
        location = try PostgresCatalogLocation(url: url)
        self.passwordFile = passwordFile
    }

    /// The environment a lake process needs to log in: `MEDLAKE_CATALOG_PASSWORD_FILE` naming the password.
    public var passwordEnvironment: [String: String] {
        [PostgresCatalogLocation.passwordFileVariable: passwordFile]
    }

    /// The test role's password, read under the catalog's own password-file rules.
    public func password() throws -> String? {
        try location.password(environment: passwordEnvironment, file: nil, owner: geteuid())
    }

    /// Opens the test's catalog (creating and migrating its schema), for checks behind the lake's back.
    public func store() throws -> CatalogStore {
        try CatalogStore(postgres: location, password: password())
    }

    /// Drops the test's schema and everything in it (best effort: a test's own failure matters more).
    public func drop() {
        guard let store = try? store() else { return }
        _ = try? store.write { tx in
            try tx.connection.execute("DROP SCHEMA \(location.schema) CASCADE", [], cached: false)
        }
    }
}

/// The test environment names no PostgreSQL server.
public enum TestPostgresError: Error, CustomStringConvertible {
    case notConfigured

    public var description: String {
        "MEDLAKE_TEST_POSTGRES_URL and MEDLAKE_TEST_POSTGRES_PASSWORD_FILE are not set: "
            + "start PostgreSQL with .ci/services.sh"
    }
}
