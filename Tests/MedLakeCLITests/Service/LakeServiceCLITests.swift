import Foundation
import TestSupport
import Testing

/// The lake service as real Unix users meet it: a lake only the service account can open, reached
/// through its socket, where the kernel (not the caller) says who is calling.
@Suite(.serialized, .enabled(if: UnixUsers.available, "needs root to create Unix users"))
struct LakeServiceCLITests {
    private struct FlagJSON: Decodable {
        var id: Int64
        var author: String
        var source: String
    }

    private struct VersionJSON: Decodable {
        var reference: String
        var state: String
    }

    @Test func callersAreWhoTheKernelSaysWhateverTheyClaim() throws {
        let served = try ServedLake()
        let listed = try served.medlake(["datasets", "--json"], as: served.alice)
        #expect(listed.status == 0, "\(listed.stderr)")
        let names = try JSONDecoder().decode([[String: AnyCodable]].self, from: Data(listed.stdout.utf8)).compactMap {
            $0["name"]?.text
        }
        #expect(names == ["ct"])

        let byAlice = try served.medlake(["flags", "add", "ct", "needs-review", "--note", "check", "--json"], as: served.alice)
        #expect(byAlice.status == 0, "\(byAlice.stderr)")
        #expect(try JSONDecoder().decode(FlagJSON.self, from: Data(byAlice.stdout.utf8)).author == served.alice)

        // bob claims to be alice every way a process can: still bob.
        let claims = ["MEDLAKE_USER": served.alice, "USER": served.alice, "LOGNAME": served.alice]
        let byBob = try served.medlake(
            ["flags", "add", "ct", "needs-review", "--note", "mine", "--json"], as: served.bob, environment: claims)
        #expect(byBob.status == 0, "\(byBob.stderr)")
        #expect(try JSONDecoder().decode(FlagJSON.self, from: Data(byBob.stdout.utf8)).author == served.bob)
        let asked = try served.tool(
            "/usr/bin/curl",
            ["-s", "--unix-socket", served.socket, "-H", "X-Remote-User: \(served.alice)", "-H", "X-Medlake-User: \(served.alice)",
             "-u", "\(served.alice):x", "http://lake/v1/caller"],
            as: served.bob)
        #expect(try JSONDecoder().decode(CallerJSON.self, from: Data(asked.stdout.utf8)).user == served.bob)

        let listedFlags = try served.medlake(["flags", "list", "--json"], as: served.bob)
        #expect(listedFlags.status == 0, "\(listedFlags.stderr)")
        let flags = try JSONDecoder().decode([FlagJSON].self, from: Data(listedFlags.stdout.utf8))
        #expect(flags.filter { $0.source == "person" }.map(\.author) == [served.alice, served.bob])
        let log = try served.medlake(["audit", "list", "--action", "flag.add", "--json"], as: served.alice)
        #expect(try JSONDecoder().decode([EntryJSON].self, from: Data(log.stdout.utf8)).map(\.actor) == [
            served.alice, served.bob,
        ])
        let versions = try served.medlake(["version", "list", "ct", "--json"], as: served.bob)
        #expect(try JSONDecoder().decode([VersionJSON].self, from: Data(versions.stdout.utf8)).map(\.reference).contains("ct@2"))
        let jobs = try served.medlake(["migrate", "list", "--json"], as: served.bob)
        #expect(jobs.status == 0 && jobs.stdout.hasPrefix("["), "\(jobs.stderr)")
        let verified = try served.medlake(["audit", "verify"], as: served.bob)
        #expect(verified.status == 0 && verified.stdout.contains("Audit log intact"), "\(verified.stderr)")
    }

    @Test func aUserWithoutARoleIsRefusedWithAProblem() throws {
        let served = try ServedLake()
        let refused = try served.medlake(["datasets"], as: served.carol)
        #expect(refused.status == 1)
        #expect(refused.stderr == "medlake: error: \(served.carol) may not read this lake: needs role curator or annotator or operator or admin\n")
        let json = try served.medlake(["flags", "list", "--json"], as: served.carol)
        #expect(json.stderr.contains("\"code\" : \"permissionDenied\""))

        let raw = try served.tool(
            "/usr/bin/curl", ["-s", "-i", "--unix-socket", served.socket, "http://lake/v1/datasets"], as: served.carol)
        #expect(raw.stdout.hasPrefix("HTTP/1.1 403"))
        #expect(raw.stdout.contains("Content-Type: application/problem+json"))
        let body = try #require(raw.stdout.components(separatedBy: "\r\n\r\n").last)
        let problem = try JSONDecoder().decode(ProblemJSON.self, from: Data(body.utf8))
        #expect(problem.code == "notPermitted")
        #expect(problem.status == 403)
        #expect(problem.detail.contains("\(served.carol) may not read this lake"))
    }

    @Test func theLakeFilesRefuseEveryoneButTheService() throws {
        let served = try ServedLake()
        let objects = served.lake + "/tiers/hot/objects"
        let object = try #require(
            FileManager.default.subpaths(atPath: objects)?.first { !$0.hasPrefix(".") && $0.count > 60 })
        for user in [served.alice, served.carol] {
            let read = try served.tool("/usr/bin/cat", [objects + "/" + object], as: user)
            #expect(read.status != 0)
            #expect(read.stderr.contains("Permission denied"))
            let catalog = try served.tool(
                "/usr/bin/sqlite3", [served.lake + "/catalog.sqlite", "SELECT COUNT(*) FROM auditEvent"], as: user)
            #expect(catalog.status != 0)
            #expect(catalog.stdout.isEmpty)
            let configuration = try served.tool("/usr/bin/cat", [served.lake + "/lake.toml"], as: user)
            #expect(configuration.stderr.contains("Permission denied"))
            for folder in ["keys", "tiers", "tiers/hot/objects", ""] {
                let listed = try served.tool("/usr/bin/ls", [served.lake + "/" + folder], as: user)
                #expect(listed.stderr.contains("Permission denied"), "ls \(folder) as \(user)")
            }
        }
        // Nothing under the lake folder gives others any access (the folder itself only lets them reach
        // the socket); the catalog, configuration, keys and tiers give the group none either. Stored
        // objects keep the tiers' group-read bit, for the service account's own group, which has no
        // other member.
        let open = try FileManager.default.subpathsOfDirectory(atPath: served.lake).filter { path in
            guard path != "medlake.sock" else { return false }
            let mode = try? FileManager.default.attributesOfItem(atPath: served.lake + "/" + path)[.posixPermissions] as? Int
            return (mode ?? 0) & 0o007 != 0
        }
        #expect(open.isEmpty, "others may use: \(open)")
        let catalog = TestCatalog.isSQLite ? ["catalog.sqlite"] : []
        for path in catalog + ["lake.toml", "lake.id", "keys", "tiers", "tiers/hot"] {
            let mode = try FileManager.default.attributesOfItem(atPath: served.lake + "/" + path)[.posixPermissions] as? Int
            #expect((mode ?? 0o777) & 0o077 == 0, "\(path): \(String(mode ?? 0, radix: 8))")
        }
        let group = try served.tool("/usr/bin/getent", ["group", served.service], as: "root")
        #expect(group.stdout.hasSuffix(":\n"), "the service group has members: \(group.stdout)")
        let rootMode = try FileManager.default.attributesOfItem(atPath: served.lake)[.posixPermissions] as? Int
        #expect(rootMode == 0o711)
        for path in catalog + ["lake.toml"] {
            let owner = try FileManager.default.attributesOfItem(atPath: served.lake + "/" + path)[.ownerAccountName] as? String
            #expect(owner == served.service, "\(path)")
        }
    }

    @Test func fourEyesThroughTheServiceByTwoPeople() throws {
        let served = try ServedLake()
        let requested = try served.medlake(
            ["promote", "request", "ct@2", "--to", "curated", "--reason", "lab", "--json"], as: served.alice)
        #expect(requested.status == 0, "\(requested.stderr)")
        let promotion = try JSONDecoder().decode(PromotionJSON.self, from: Data(requested.stdout.utf8))
        #expect(promotion.state == "pending")
        let own = try served.medlake(["promote", "approve", String(promotion.id), "--comment", "mine"], as: served.alice)
        #expect(own.status != 0)
        #expect(own.stderr.contains("requested promotion \(promotion.id) and cannot decide on it"))
        let approved = try served.medlake(
            ["promote", "approve", String(promotion.id), "--comment", "checked", "--json"], as: served.bob)
        #expect(approved.status == 0, "\(approved.stderr)")
        let done = try JSONDecoder().decode(PromotionJSON.self, from: Data(approved.stdout.utf8))
        #expect(done.state == "executed")
        #expect(done.target == "ct@3")
        let log = try served.medlake(["audit", "list", "--action", "promotion.", "--json"], as: served.alice)
        let entries = try JSONDecoder().decode([EntryJSON].self, from: Data(log.stdout.utf8))
        #expect(entries.first { $0.action == "promotion.request" }?.actor == served.alice)
        #expect(entries.first { $0.action == "promotion.approve" }?.actor == served.bob)
    }

    @Test func aKilledServiceIsReportedNotWaitedFor() throws {
        let served = try ServedLake()
        #expect(try served.medlake(["datasets"], as: served.alice).status == 0)
        served.kill()
        let after = try served.medlake(["datasets"], as: served.alice)
        #expect(after.status == 1)
        #expect(after.stderr.contains("the lake service is not running"), "\(after.stderr)")
        let json = try served.medlake(["datasets", "--json"], as: served.alice)
        #expect(json.stderr.contains("\"code\" : \"serviceUnavailable\""))
        // A restarted service takes over the dead one's socket.
        try served.start()
        #expect(try served.medlake(["datasets"], as: served.alice).status == 0)
    }
}

/// Any JSON value, for reading one field of a listing.
private struct AnyCodable: Decodable {
    var text: String?

    init(from decoder: any Decoder) throws {
        text = try? decoder.singleValueContainer().decode(String.self)
    }
}
