import Catalog
import Foundation
import Testing

@testable import LakeEngine

/// `[catalog]` in `lake.toml`: typed, validated, and never holding the password.
@Suite struct CatalogSettingsTests {
    static let path = "/lakes/demo/lake.toml"

    /// The default `lake.toml` with `section` appended.
    static func parse(_ section: String) throws -> LakeConfiguration {
        try LakeConfiguration(
            toml: LakeConfiguration.defaultTOML(name: "demo", owner: "alice") + section, path: path)
    }

    /// The error parsing `section` gives.
    static func error(_ section: String) -> ConfigurationError? {
        do {
            _ = try parse(section)
            return nil
        } catch {
            return error as? ConfigurationError
        }
    }

    @Test func absentMeansTheSQLiteFile() throws {
        #expect(try Self.parse("").catalog == .sqlite)
    }

    @Test func urlAndPasswordFileAreTyped() throws {
        let catalog = try Self.parse(
            "\n[catalog]\nurl = \"postgres://medlake@db.example.org:5433/lakes?schema=demo\"\n"
                + "password_file = \"/etc/medlake/catalog.password\"\n"
        ).catalog
        let location = try #require(catalog.postgres)
        #expect(location.user == "medlake")
        #expect(location.host == "db.example.org")
        #expect(location.port == 5433)
        #expect(location.database == "lakes")
        #expect(location.schema == "demo")
        #expect(location.requiresTLS)
        #expect(catalog.passwordFile == "/etc/medlake/catalog.password")
    }

    @Test func theWrittenSectionParsesBack() throws {
        let location = try PostgresCatalogLocation(url: "postgres://medlake@127.0.0.1:15432/lakes?schema=a1")
        let catalog = try Self.parse(CatalogSettings.toml(location, passwordFile: "secrets/pg")).catalog
        #expect(catalog == CatalogSettings(postgres: location, passwordFile: "secrets/pg"))
    }

    @Test(arguments: [
        ("url = \"mysql://medlake@db/lakes\"", "catalog.url", "expected postgres://"),
        ("url = \"postgres://medlake@db\"", "catalog.url", "no database"),
        ("url = \"postgres://db.example.org/lakes\"", "catalog.url", "no user"),
        ("url = \"postgres://medlake@db/lakes?sslmode=disable\"", "catalog.url", "TLS is required"),
        ("url = \"postgres://medlake@db/lakes?schema=Bad-Name\"", "catalog.url", "lower-case"),
        ("url = 5432", "catalog.url", "expected a string"),
        ("password_file = \"/etc/pg\"", "catalog.url", "name the PostgreSQL catalog"),
        ("url = \"postgres://medlake@db/lakes\"\nhost = \"db\"", "catalog.host", "unknown"),
        ("url = \"postgres://medlake@db/lakes\"\npassword_file = \"\"", "catalog.password_file", "path"),
    ])
    func badSettingsNameTheFileLineAndKey(setting: String, key: String, message: String) throws {
        let error = try #require(Self.error("\n[catalog]\n" + setting + "\n"))
        #expect(error.path == Self.path)
        #expect(error.key == key)
        #expect(error.line != nil)
        #expect(error.message.contains(message), "\(error)")
    }

    @Test func aPasswordInTheURLIsRefusedAndNeverShown() throws {
        let error = try #require(Self.error("\n[catalog]\nurl = \"postgres://medlake:hunter2@db/lakes\"\n"))
        #expect(error.key == "catalog.url")
        #expect(error.message.contains("must not hold the password"))
        #expect(!error.description.contains("hunter2"))
    }

    @Test func aPasswordKeyIsRefusedAndNeverShown() throws {
        let error = try #require(
            Self.error("\n[catalog]\nurl = \"postgres://medlake@db/lakes\"\npassword = \"hunter2\"\n"))
        #expect(error.key == "catalog.password")
        #expect(!error.description.contains("hunter2"))
    }
}
