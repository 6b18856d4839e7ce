import Catalog

/// Where the lake's catalog lives: `[catalog]` in `lake.toml`, or the SQLite file beside it when the table
/// is absent.
///
/// ```toml
/// [catalog]
/// url = "postgres://medlake@db.example.org:5432/lake"   # ?schema=NAME to share a database between lakes
/// password_file = "/etc/medlake/catalog.password"      # optional: else $MEDLAKE_CATALOG_PASSWORD
/// ```
///
/// The password is never in `lake.toml` (every user of the lake reads it): a `password` key, or a password
/// in the URL, is an error. It comes from `$MEDLAKE_CATALOG_PASSWORD`, else the file
/// `$MEDLAKE_CATALOG_PASSWORD_FILE` names, else `password_file`, which must be a regular file owned by the
/// lake's owner (the owner of `lake.toml`) that only its owner can read (`0600` or `0400`).
public struct CatalogSettings: Sendable, Hashable {
    /// The PostgreSQL catalog; nil for `catalog.sqlite` beside `lake.toml`.
    public var postgres: PostgresCatalogLocation?
    /// The file holding the PostgreSQL password; relative paths are relative to the lake folder.
    public var passwordFile: String?

    /// The catalog in the lake folder's SQLite file.
    public static let sqlite = CatalogSettings(postgres: nil, passwordFile: nil)

    public init(postgres: PostgresCatalogLocation?, passwordFile: String?) {
        self.postgres = postgres
        self.passwordFile = passwordFile
    }

    /// The `[catalog]` table of `lake.toml`; ``sqlite`` when there is none.
    init(_ table: TOMLFields?) throws {
        guard let table else {
            self = .sqlite
            return
        }
        if table.keys.contains("password") {
            let variable = PostgresCatalogLocation.passwordVariable
            throw table.error(
                "password", "the password does not belong in lake.toml: use password_file or $\(variable)")
        }
        try table.rejectUnknownKeys(["url", "password_file"])
        guard let url = try table.string("url") else {
            throw table.error(
                "url", "name the PostgreSQL catalog (postgres://USER@HOST[:PORT]/DATABASE), or remove [catalog]")
        }
        do {
            postgres = try PostgresCatalogLocation(url: url)
        } catch CatalogError.badCatalogURL(_, let reason) {
            throw table.error("url", reason)
        }
        passwordFile = try table.string("password_file")
        if passwordFile?.isEmpty == true { throw table.error("password_file", "expected a file's path") }
    }

    /// The `[catalog]` table naming `location` (and `passwordFile`), as `lake.toml` text.
    static func toml(_ location: PostgresCatalogLocation, passwordFile: String?) -> String {
        var text = """

            # The catalog is on PostgreSQL; its password is never here (docs/modules/catalog.md).
            [catalog]
            url = \(LakeConfiguration.tomlString(location.description))

            """
        if let passwordFile { text += "password_file = \(LakeConfiguration.tomlString(passwordFile))\n" }
        return text
    }
}
