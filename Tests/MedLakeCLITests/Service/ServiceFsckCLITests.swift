import Foundation
import Storage
import Testing

/// `medlake fsck` on a served lake: the service checks the lake as its own account (the only one that
/// can read the catalog and the tiers) for an admin, and audits it; anyone else is refused, from the CLI
/// and over the socket. With the service stopped, the folder's owner side (root) still checks in-process.
@Suite(.serialized, .enabled(if: UnixUsers.available, "needs root to create Unix users"))
struct ServiceFsckCLITests {
    private struct FindingJSON: Decodable {
        var kind: String
        var tier: String?
        var object: String?
    }

    private struct ReportJSON: Decodable {
        var objectsChecked: Int
        var full: Bool
        var findings: [FindingJSON]
    }

    /// A served lake where `adele` (who cannot read a single lake file) is an admin.
    private func servedLakeWithAdmin() throws -> ServedLake {
        let served = try ServedLake(people: ["adele"])
        let granted = try served.medlake(["roles", "grant", served.extra[0], "admin"], as: "root")
        try #require(granted.status == 0, "\(granted.stderr)")
        return served
    }

    @Test func anAdminChecksTheLakeThroughTheServiceAndTheCheckIsAudited() throws {
        let served = try servedLakeWithAdmin()
        let adele = served.extra[0]
        let clean = try served.medlake(["fsck", "--full", "--json"], as: adele)
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        let report = try JSONDecoder().decode(ReportJSON.self, from: Data(clean.stdout.utf8))
        #expect(report.objectsChecked == 4 && report.full && report.findings.isEmpty, "\(clean.stdout)")

        // An object file no row places, put in the ingest tier behind the catalog's back: the service's
        // check finds it, though adele could never list the tier herself.
        let bytes = Array("orphan \(UUID())".utf8)
        let digest = ContentHasher.digest(of: bytes).hex
        let folder = served.lake + "/tiers/hot/objects/" + digest.prefix(2)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + digest.dropFirst(2)))
        let found = try served.medlake(["fsck", "--json"], as: adele)
        #expect(found.status == 1, "\(found.stderr)")
        let withOrphan = try JSONDecoder().decode(ReportJSON.self, from: Data(found.stdout.utf8))
        #expect(withOrphan.findings.map(\.kind) == ["orphan"] && withOrphan.findings.first?.object == digest)

        let audit = try served.medlake(["audit", "list", "--action", "lake.fsck", "--json"], as: adele)
        let entries = try JSONDecoder().decode([EntryJSON].self, from: Data(audit.stdout.utf8))
        #expect(entries.count == 2 && entries.allSatisfy { $0.actor == adele && $0.role == "admin" }, "\(audit.stdout)")
    }

    @Test func nobodyButAnAdminMayCheckTheLakeFromTheCLIOrTheSocket() throws {
        let served = try servedLakeWithAdmin()
        for user in [served.alice, served.carol, served.service] {
            let refused = try served.medlake(["fsck", "--json"], as: user)
            #expect(refused.status == 1)
            #expect(refused.stdout.isEmpty)
            let failure = try JSONDecoder().decode(FailureJSON.self, from: Data(refused.stderr.utf8))
            #expect(failure.code == "permissionDenied", "\(user): \(refused.stderr)")
            let raw = try served.tool(
                "/usr/bin/curl",
                [
                    "-s", "-i", "--unix-socket", served.socket, "-H", "Content-Type: application/json", "--data",
                    #"{"full":false,"repair":true,"orphanGrace":0}"#, "http://lake/v1/fsck",
                ], as: user)
            #expect(raw.stdout.hasPrefix("HTTP/1.1 403"), "\(raw.stdout)")
            #expect(try ProblemJSON(curlOutput: raw.stdout).code == "notPermitted")
        }
        let audit = try served.medlake(["audit", "list", "--action", "lake.fsck", "--json"], as: served.alice)
        #expect(try JSONDecoder().decode([EntryJSON].self, from: Data(audit.stdout.utf8)).isEmpty, "\(audit.stdout)")
    }

    @Test func withTheServiceStoppedOnlyItsAccountChecksTheFolderInProcess() throws {
        let served = try servedLakeWithAdmin()
        // The account's own check needs the admin role, like anyone's.
        let granted = try served.medlake(["roles", "grant", served.service, "admin"], as: "root")
        try #require(granted.status == 0, "\(granted.stderr)")
        served.stop()
        let local = try served.medlake(["fsck", "--json"], as: served.service)
        #expect(local.status == 0, "\(local.stdout)\(local.stderr)")
        let report = try JSONDecoder().decode(ReportJSON.self, from: Data(local.stdout.utf8))
        #expect(report.objectsChecked == 4)
        // adele is an admin of the lake, but not of its files, and root may read them but they are not
        // root's: without the service neither opens it.
        for user in [served.extra[0], "root"] {
            let offline = try served.medlake(["fsck", "--json"], as: user)
            #expect(offline.status == 1)
            let failure = try JSONDecoder().decode(FailureJSON.self, from: Data(offline.stderr.utf8))
            #expect(failure.code == "notPersonalLake" && failure.message.contains("medlake serve"), "\(offline.stderr)")
        }
    }
}
