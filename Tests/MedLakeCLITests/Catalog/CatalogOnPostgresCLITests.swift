import Catalog
import Foundation
import TestSupport
import Testing

/// Through the real binary: `medlake init --catalog postgres://…` and `medlake catalog copy --to
/// postgres://…` against the test PostgreSQL server, each test in a schema of its own.
@Suite(.serialized, .enabled(if: TestPostgres.available)) struct CatalogOnPostgresCLITests {
    let base = NSTemporaryDirectory() + "catalog-pg-" + UUID().uuidString

    init() throws {
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
    }

    /// Copies the test role's password into `base` as a file `owner` owns, mode 0600.
    func passwordFile(_ postgres: TestPostgres, owner: String? = nil) throws -> String {
        let path = base + "/catalog.password-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: postgres.passwordFile, toPath: path)
        if let owner { try FileManager.default.setAttributes([.ownerAccountName: owner], ofItemAtPath: path) }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        return path
    }

    @Test func initOnPostgreSQLThenDatasetsAndAuditVerify() throws {
        defer { try? FileManager.default.removeItem(atPath: base) }
        let postgres = try TestPostgres()
        defer { postgres.drop() }
        let lake = base + "/lake"
        let created = try MedLakeProcess.run(
            ["init", lake, "--catalog", postgres.url, "--catalog-password-file", try passwordFile(postgres)])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(!FileManager.default.fileExists(atPath: lake + "/catalog.sqlite"))
        let text = try String(contentsOfFile: lake + "/lake.toml", encoding: .utf8)
        #expect(text.contains("url = \"\(postgres.location.description)\""))

        let datasets = try MedLakeProcess.run(["datasets", "--lake", lake])
        #expect(datasets.status == 0, "\(datasets.stderr)")
        let verified = try MedLakeProcess.run(["audit", "verify", "--lake", lake])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("Audit log intact"))

        // A second lake on the same catalog is refused, naming the first lake, and nothing is created.
        let again = try MedLakeProcess.run(
            [
                "init", base + "/second", "--catalog", postgres.url, "--catalog-password-file",
                try passwordFile(postgres),
            ])
        #expect(again.status != 0)
        let id = try String(contentsOfFile: lake + "/lake.id", encoding: .utf8).trimmingCharacters(
            in: .whitespacesAndNewlines)
        #expect(again.stderr.contains(id), "\(again.stderr)")
        #expect(!FileManager.default.fileExists(atPath: base + "/second/lake.toml"))
    }

    @Test func aPasswordOnTheCommandLineIsRefusedUnshown() throws {
        defer { try? FileManager.default.removeItem(atPath: base) }
        let result = try MedLakeProcess.run([
            "init", base + "/lake", "--catalog", "postgres://medlake:hunter2@127.0.0.1/lakes",
        ])
        #expect(result.status != 0)
        #expect(result.stderr.contains("must not hold the password"), "\(result.stderr)")
        #expect(!result.stderr.contains("hunter2"))
        #expect(!FileManager.default.fileExists(atPath: base + "/lake"))
    }

    @Test(.enabled(if: TestCatalog.isSQLite, "copies a catalog.sqlite to PostgreSQL")) func copyMovesALakeAndItsAuditChain() throws {
        defer { try? FileManager.default.removeItem(atPath: base) }
        let postgres = try TestPostgres()
        defer { postgres.drop() }
        let lake = base + "/lake"
        #expect(try MedLakeProcess.run(["init", lake]).status == 0)
        try FileManager.default.createDirectory(atPath: base + "/input", withIntermediateDirectories: true)
        try Data("payload".utf8).write(to: URL(fileURLWithPath: base + "/input/a.bin"))
        let ingested = try MedLakeProcess.run([
            "ingest", base + "/input", "--dataset", "d1", "--keep-unknown", "--lake", lake,
        ])
        #expect(ingested.status == 0, "\(ingested.stderr)")

        let copied = try MedLakeProcess.run(
            ["catalog", "copy", "--to", postgres.url, "--password-file", try passwordFile(postgres), "--lake", lake])
        #expect(copied.status == 0, "\(copied.stderr)")
        #expect(copied.stdout.contains("Audit log intact on the copy"), "\(copied.stdout)")
        #expect(!FileManager.default.fileExists(atPath: lake + "/catalog.sqlite"))
        // Kept under one new name, with its -wal and -shm beside it.
        let kept = try FileManager.default.contentsOfDirectory(atPath: lake).filter {
            $0.hasPrefix("catalog.sqlite.copied-")
        }
        #expect(kept.filter { !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") }.count == 1, "\(kept)")

        // The lake now works on PostgreSQL.
        let datasets = try MedLakeProcess.run(["datasets", "--lake", lake, "--json"])
        #expect(datasets.status == 0, "\(datasets.stderr)")
        #expect(datasets.stdout.contains("\"d1\""))
        let verified = try MedLakeProcess.run(["audit", "verify", "--lake", lake])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")

        // A second copy is refused: the catalog is on PostgreSQL already.
        let again = try MedLakeProcess.run(["catalog", "copy", "--to", postgres.url, "--lake", lake])
        #expect(again.status != 0)
        #expect(again.stderr.contains("on PostgreSQL already"), "\(again.stderr)")
        let againJSON = try MedLakeProcess.run(["catalog", "copy", "--to", postgres.url, "--lake", lake, "--json"])
        #expect(try failure(againJSON) == "conflict", "\(againJSON.stderr)")
    }
}

/// Another user cannot move a personal lake's catalog (the lake does not even open for them), and its
/// owner cannot hand over a password file the group can read. Real Unix users run the real binary.
@Suite(.serialized, .enabled(if: UnixUsers.available && TestPostgres.available, "needs root and PostgreSQL"))
struct CatalogCopyAttackCLITests {
    @Test(.enabled(if: TestCatalog.isSQLite, "copies a catalog.sqlite to PostgreSQL"))
    func onlyTheOwnerMovesTheCatalogAndOnlyWithAPrivatePasswordFile() throws {
        let users = try UnixUsers(["alice", "mallory"])
        let (alice, mallory) = (users.names[0], users.names[1])
        let base = NSTemporaryDirectory() + "catalogcopy-" + UUID().uuidString
        let (lake, binary) = (base + "/lake", base + "/medlake")
        try FileManager.default.createDirectory(atPath: lake, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: base) }
        chmod(base, 0o755)
        try FileManager.default.setAttributes([.ownerAccountName: alice], ofItemAtPath: lake)
        try MedLakeProcess.copyBinary(to: binary)
        try #require(try MedLakeProcess.run(["init", lake], as: alice, binary: binary).status == 0)
        let postgres = try TestPostgres()
        defer { postgres.drop() }
        let before = try String(contentsOfFile: lake + "/lake.toml", encoding: .utf8)

        // Another user, with a password file of her own: refused before anything is read.
        let file = base + "/mallory.password"
        try FileManager.default.copyItem(atPath: postgres.passwordFile, toPath: file)
        try FileManager.default.setAttributes([.ownerAccountName: mallory, .posixPermissions: 0o600], ofItemAtPath: file)
        let copy = ["catalog", "copy", "--to", postgres.url, "--lake", lake]
        let byOther = try MedLakeProcess.run(copy + ["--password-file", file], as: mallory, binary: binary)
        #expect(byOther.status != 0)
        #expect(byOther.stderr.contains("not a personal lake"), "\(byOther.stderr)")
        let byOtherJSON = try MedLakeProcess.run(copy + ["--password-file", file, "--json"], as: mallory, binary: binary)
        #expect(try failure(byOtherJSON) == "notPersonalLake", "\(byOtherJSON.stderr)")

        // The owner with a password file the group can read: refused too.
        let shown = base + "/alice.password"
        try FileManager.default.copyItem(atPath: postgres.passwordFile, toPath: shown)
        try FileManager.default.setAttributes(
            [.ownerAccountName: alice, .groupOwnerAccountName: users.group, .posixPermissions: 0o640], ofItemAtPath: shown)
        let readable = try MedLakeProcess.run(copy + ["--password-file", shown], as: alice, binary: binary)
        #expect(readable.status != 0)
        #expect(readable.stderr.contains("group or others can access it"), "\(readable.stderr)")
        let readableJSON = try MedLakeProcess.run(copy + ["--password-file", shown, "--json"], as: alice, binary: binary)
        #expect(try failure(readableJSON) == "permissionDenied", "\(readableJSON.stderr)")

        #expect(try String(contentsOfFile: lake + "/lake.toml", encoding: .utf8) == before)
        #expect(FileManager.default.fileExists(atPath: lake + "/catalog.sqlite"))
        // The PostgreSQL catalog holds no row (emptyPostgres refuses one that does).
        _ = try CatalogStore.emptyPostgres(postgres.location, password: postgres.password())
    }

    /// `init --service-user --catalog URL --catalog-password-file F`: the password file goes to the service
    /// account with the lake, so the service opens its catalog with no password in its environment, and
    /// another user reads neither the file nor the lake.
    @Test func aServedLakesPasswordFileBecomesTheServiceAccountsAlone() throws {
        let users = try UnixUsers(["mallory"])
        let mallory = users.names[0]
        let service = "mlsvc" + users.group.dropFirst(3)
        let base = NSTemporaryDirectory() + "served-pg-" + UUID().uuidString
        let (lake, binary, file) = (base + "/lake", base + "/medlake", base + "/catalog.password")
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        defer {
            try? FileManager.default.removeItem(atPath: base)
            try? UnixUsers.command("/usr/sbin/userdel", [service])
            try? UnixUsers.command("/usr/sbin/groupdel", [service])
        }
        chmod(base, 0o755)
        try MedLakeProcess.copyBinary(to: binary)
        let postgres = try TestPostgres()
        defer { postgres.drop() }
        try FileManager.default.copyItem(atPath: postgres.passwordFile, toPath: file)
        chmod(file, 0o600)

        let created = try MedLakeProcess.run(
            ["init", lake, "--service-user", service, "--catalog", postgres.url, "--catalog-password-file", file],
            binary: binary)
        try #require(created.status == 0, "\(created.stderr)")
        let account = try #require(getpwnam(service)?.pointee.pw_uid)
        var info = stat()
        try #require(stat(file, &info) == 0)
        #expect(info.st_uid == account && info.st_mode & 0o777 == 0o600, "owner \(info.st_uid), mode \(String(info.st_mode, radix: 8))")
        let text = try String(contentsOfFile: lake + "/lake.toml", encoding: .utf8)
        #expect(text.contains("password_file = \"\(file)\""), "\(text)")

        // The service (root drops to the account) opens the catalog with the recorded file alone; root, the
        // lake's admin, verifies the audit log through it.
        let server = try LakeServiceProcess.start(lake: lake, binary: binary).process
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        let verified = try MedLakeProcess.run(["audit", "verify", "--lake", lake], binary: binary)
        #expect(verified.status == 0 && verified.stdout.contains("Audit log intact"), "\(verified.stdout)\(verified.stderr)")
        // Another user reads neither the password nor the lake's configuration.
        for path in [file, lake + "/lake.toml"] {
            let read = try SpawnedCommand.run("/usr/sbin/runuser", ["-u", mallory, "--", "/bin/cat", path], environment: [:], in: nil)
            #expect(read.status != 0 && read.stdout.isEmpty, "\(mallory) read \(path)")
        }
    }
}
