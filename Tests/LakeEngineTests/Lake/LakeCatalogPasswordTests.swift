import Catalog
import Foundation
import Testing

@testable import LakeEngine

/// The PostgreSQL catalog's password file (`[catalog] password_file`): only a regular file of the lake's
/// owner that no one else can read is used. Every refusal happens before any connection is made, so these
/// tests need no server.
@Suite struct LakeCatalogPasswordTests {
    let lake: TemporaryLake
    let file: String

    init() throws {
        lake = try TemporaryLake()
        file = lake.root + "/catalog.password"
        try write("s3cret\n", to: file)
        #expect(chmod(file, 0o600) == 0)
    }

    /// The lake's `lake.toml` naming a PostgreSQL catalog and `passwordFile`.
    func pointCatalog(passwordFile: String) throws -> CatalogSettings {
        let location = try PostgresCatalogLocation(url: "postgres://medlake@127.0.0.1:1/none")
        let path = lake.root + "/lake.toml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try write(text + CatalogSettings.toml(location, passwordFile: passwordFile), to: path)
        return CatalogSettings(postgres: location, passwordFile: passwordFile)
    }

    /// The reason `settings`' password is refused, nil when it is read.
    func refusal(_ settings: CatalogSettings) -> String? {
        do {
            _ = try Lake.catalogPassword(root: lake.root, settings: settings, environment: [:])
            return nil
        } catch CatalogError.badPasswordFile(_, let reason) {
            return reason
        } catch {
            return "\(error)"
        }
    }

    @Test func theOwnersPrivateFileIsRead() throws {
        let settings = try pointCatalog(passwordFile: "catalog.password")
        #expect(try Lake.catalogPassword(root: lake.root, settings: settings, environment: [:]) == "s3cret")
        // The environment wins over the file.
        let environment = [PostgresCatalogLocation.passwordVariable: "from-env"]
        #expect(try Lake.catalogPassword(root: lake.root, settings: settings, environment: environment) == "from-env")
    }

    @Test func aFileTheGroupCanReadIsRefused() throws {
        #expect(chmod(file, 0o640) == 0)
        let settings = try pointCatalog(passwordFile: file)
        #expect(refusal(settings)?.contains("group or others can access it") == true)
        // Opening the lake refuses it too, naming the file and never its contents.
        do {
            _ = try lake.open(as: "alice")
            Issue.record("the lake opened with a group-readable password file")
        } catch {
            #expect("\(error)".contains(file))
            #expect(!"\(error)".contains("s3cret"))
        }
    }

    @Test func aFileOfAnotherUserIsRefused() throws {
        // An attacker's file, private to them: whoever can write it could swap the password.
        #expect(chown(file, 4242, 4242) == 0)
        #expect(
            refusal(try pointCatalog(passwordFile: file))?.contains("owned by uid 4242, not by uid \(geteuid())")
                == true)
    }

    @Test func aLinkToTheFileIsRefused() throws {
        let link = lake.root + "/catalog.password.link"
        #expect(symlink(file, link) == 0)
        #expect(refusal(try pointCatalog(passwordFile: link)) != nil)
    }

    @Test func aMissingFileIsRefused() throws {
        #expect(refusal(try pointCatalog(passwordFile: lake.root + "/missing")) != nil)
    }
}
