import Foundation
import Testing

@testable import Catalog

@Suite struct PostgresCatalogLocationTests {
    @Test("A URL gives user, host, port, database and schema; loopback needs no TLS")
    func parses() throws {
        let location = try PostgresCatalogLocation(url: "postgres://medlake@127.0.0.1:15432/lake?schema=ward_b")
        #expect(location.user == "medlake")
        #expect(location.host == "127.0.0.1")
        #expect(location.port == 15432)
        #expect(location.database == "lake")
        #expect(location.schema == "ward_b")
        #expect(!location.requiresTLS)
        #expect(location.description == "postgres://medlake@127.0.0.1:15432/lake?schema=ward_b")
        let defaults = try PostgresCatalogLocation(url: "postgresql://medlake@localhost/lake")
        #expect(defaults.port == 5432)
        #expect(defaults.schema == "public")
    }

    @Test("TLS is required off loopback and cannot be turned off there")
    func tlsOffLoopback() throws {
        #expect(try PostgresCatalogLocation(url: "postgres://medlake@db.example/lake").requiresTLS)
        #expect(try PostgresCatalogLocation(url: "postgres://medlake@127.0.0.1/lake?sslmode=require").requiresTLS)
        #expect(throws: CatalogError.self) {
            try PostgresCatalogLocation(url: "postgres://medlake@db.example/lake?sslmode=disable")
        }
    }

    @Test("A password in the URL is refused without being repeated in the error")
    func passwordInURL() {
        do {
            _ = try PostgresCatalogLocation(url: "postgres://medlake:hunter2secret@127.0.0.1/lake")
            Issue.record("a URL with a password was accepted")
        } catch {
            #expect("\(error)".contains("must not hold the password"))
            #expect(!"\(error)".contains("hunter2secret"))
        }
    }

    @Test(
        "Bad URLs are refused naming the problem",
        arguments: [
            ("mysql://medlake@127.0.0.1/lake", "expected postgres://"),
            ("postgres://127.0.0.1/lake", "no user"),
            ("postgres://medlake@127.0.0.1/", "no database"),
            ("postgres://medlake@127.0.0.1/lake?schema=Robert'%3B%20DROP", "schema"),
            ("postgres://medlake@127.0.0.1/lake?schema=1abc", "schema"),
            ("postgres://medlake@127.0.0.1/lake?options=-c%20x", "unknown option options"),
        ])
    func badURLs(url: String, reason: String) {
        let error = #expect(throws: CatalogError.self) { try PostgresCatalogLocation(url: url) }
        #expect(error.map { "\($0)".contains(reason) } == true, "\(String(describing: error))")
    }

    // MARK: - Password

    private func passwordFile(_ text: String, mode: mode_t) throws -> String {
        let path = NSTemporaryDirectory() + "catalog-password-" + UUID().uuidString
        #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
        #expect(chmod(path, mode) == 0)
        return path
    }

    private let location = try? PostgresCatalogLocation(url: "postgres://medlake@127.0.0.1/lake")

    @Test("The environment's password comes first, then the file it names, then the lake's file")
    func passwordSources() throws {
        let location = try #require(location)
        let file = try passwordFile("from-file\n", mode: 0o600)
        defer { unlink(file) }
        #expect(try location.password(environment: ["MEDLAKE_CATALOG_PASSWORD": "from-env"], defaultFile: file) == "from-env")
        #expect(try location.password(environment: ["MEDLAKE_CATALOG_PASSWORD_FILE": file], defaultFile: nil) == "from-file")
        #expect(try location.password(environment: [:], defaultFile: file) == "from-file")
        #expect(try location.password(environment: [:], defaultFile: file + "-absent") == nil)
    }

    @Test("A password file that group or others can read is refused")
    func readableByOthers() throws {
        let location = try #require(location)
        for mode: mode_t in [0o640, 0o604, 0o660] {
            let file = try passwordFile("secret", mode: mode)
            defer { unlink(file) }
            #expect(throws: CatalogError.self) { try location.password(environment: [:], defaultFile: file) }
        }
    }

    @Test("Attacker: a password file owned by another user, or a link to one, is refused")
    func ownedByAnotherUser() throws {
        let location = try #require(location)
        // Another user (nobody) who can write a 0600 file of their own where the lake looks for its password
        // must not get the catalog to log in with a password of their choosing.
        let file = try passwordFile("planted", mode: 0o600)
        defer { unlink(file) }
        guard geteuid() == 0, let nobody = getpwnam("nobody") else { return }
        #expect(chown(file, nobody.pointee.pw_uid, nobody.pointee.pw_gid) == 0)
        let error = #expect(throws: CatalogError.self) { try location.password(environment: [:], defaultFile: file) }
        #expect(error.map { "\($0)".contains("owned by uid \(nobody.pointee.pw_uid)") } == true)
        // Nor through a symbolic link to the root-owned file: the file is opened without following links.
        let mine = try passwordFile("mine", mode: 0o600)
        let link = mine + "-link"
        defer {
            unlink(mine)
            unlink(link)
        }
        #expect(symlink(mine, link) == 0)
        #expect(throws: CatalogError.self) { try location.password(environment: [:], defaultFile: link) }
    }
}
