import Foundation
import Testing

@testable import Catalog

/// The engines a catalog test runs on, as a Swift Testing argument: `@Test(arguments: CatalogEngine.available)`.
///
/// PostgreSQL runs when `MEDLAKE_TEST_POSTGRES_URL` is set (`.ci/services.sh` starts a server and sets it,
/// with `MEDLAKE_TEST_POSTGRES_PASSWORD_FILE`), and always when `CI=true`: there a missing URL fails the
/// PostgreSQL cases instead of leaving them out. Each test gets a catalog of its own: a new SQLite file, or a
/// new schema of the test database, dropped when the test ends.
enum CatalogEngine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// SQLite always; PostgreSQL when configured or in CI.
    static var available: [CatalogEngine] {
        environment["MEDLAKE_TEST_POSTGRES_URL"] != nil || environment["CI"] == "true" ? [.sqlite, .postgres] : [.sqlite]
    }

    var testDescription: String { rawValue }

    /// Runs `body` on a new, migrated catalog of this engine, then removes it.
    @discardableResult
    func withCatalog<T>(_ body: (CatalogStore) throws -> T) throws -> T {
        let (store, remove) = try open()
        defer { remove() }
        return try body(store)
    }

    /// ``withCatalog(_:)`` for async tests.
    func withCatalogAsync<T>(_ body: (CatalogStore) async throws -> T) async throws -> T {
        let (store, remove) = try open()
        defer { remove() }
        return try await body(store)
    }

    /// A new catalog of this engine and what removes it.
    private func open() throws -> (CatalogStore, () -> Void) {
        switch self {
        case .sqlite:
            let path = NSTemporaryDirectory() + "seam-" + UUID().uuidString + ".sqlite"
            let store = try CatalogStore(path: path)
            return (store, { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } })
        case .postgres:
            let location = try Self.postgresLocation(schema: "t_" + UUID().uuidString.lowercased().filter(\.isHexDigit))
            let store = try CatalogStore(postgres: location, password: try Self.postgresPassword(location))
            return (store, {
                _ = try? store.write { tx in
                    try tx.connection.execute("DROP SCHEMA \(location.schema) CASCADE", [], cached: false)
                }
            })
        }
    }

    /// The test server's location with `schema`, from `MEDLAKE_TEST_POSTGRES_URL`.
    static func postgresLocation(schema: String) throws -> PostgresCatalogLocation {
        guard let url = environment["MEDLAKE_TEST_POSTGRES_URL"] else {
            throw TestEnvironmentError.missing(
                "MEDLAKE_TEST_POSTGRES_URL is not set (CI=true): start PostgreSQL with .ci/services.sh")
        }
        return try PostgresCatalogLocation(url: url + (url.contains("?") ? "&" : "?") + "schema=\(schema)")
    }

    /// The test role's password, through the catalog's own password-file rules.
    static func postgresPassword(_ location: PostgresCatalogLocation) throws -> String? {
        var environment: [String: String] = [:]
        environment[PostgresCatalogLocation.passwordFileVariable] = Self.environment["MEDLAKE_TEST_POSTGRES_PASSWORD_FILE"]
        return try location.password(environment: environment, defaultFile: nil)
    }
}

/// The test environment lacks something a test needs.
enum TestEnvironmentError: Error, CustomStringConvertible {
    case missing(String)

    var description: String {
        switch self {
        case .missing(let what): what
        }
    }
}
