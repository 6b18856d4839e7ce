import Foundation
import LakeEngine
import TestSupport

/// Where a workbench fixture lake's catalog goes (``TestCatalog``): `catalog.sqlite`, or with
/// `MEDLAKE_TEST_CATALOG=postgres` a fresh schema of the test server (``TestLakeCatalogs``, dropped when the
/// test process exits, as the fixture folder is), logging in with the test role's password file.
enum FixtureCatalog {
    /// The catalog settings to create the lake at `lake` with.
    static func settings(forLake lake: String) throws -> CatalogSettings {
        guard TestCatalog.current == .postgres else { return .sqlite }
        let postgres = try TestLakeCatalogs.newSchema(forLake: lake)
        return CatalogSettings(postgres: postgres.location, passwordFile: postgres.passwordFile)
    }
}
