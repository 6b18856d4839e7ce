import Foundation
import TestSupport
import Testing

/// `/healthz` and `/readyz` of `medlake serve` as a kubelet meets them: over TLS on 127.0.0.1 with no
/// token, readiness following the catalog file (gone, not a database, unreadable, then back), and answers that
/// say nothing but `ok` or `unavailable`.
@Suite(.serialized, .enabled(if: UnixUsers.available, "needs root to create Unix users"))
struct ServiceProbesCLITests {
    /// A probe's status and body, as `curl` without a token got them as `user`.
    private static func probe(
        _ path: String, of served: ServedLake, url: String, authority: TestCertificateAuthority, as user: String
    ) throws -> (status: Int, body: String) {
        let answered = try served.tool(
            "/usr/bin/curl", ["-s", "--cacert", authority.caCertificate, "-w", "\n%{http_code}", url + path], as: user)
        try #require(answered.status == 0, "curl failed: \(answered.stderr)")
        // curl writes the body, then a newline and the status.
        let lines = answered.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        return (Int(lines.last ?? "") ?? -1, lines.dropLast().joined(separator: "\n"))
    }

    @Test(.enabled(if: TestCatalog.isSQLite, "moves and replaces catalog.sqlite under the service"))
    func probesNeedNoTokenAndReadinessFollowsTheCatalogFile() throws {
        let served = try ServedLake()
        let authority = try served.certificateAuthority()
        let url = try served.restartOverTLS(authority)
        let probe = { (path: String) in try Self.probe(path, of: served, url: url, authority: authority, as: served.carol) }

        #expect(try probe("/healthz") == (200, "ok\n"))
        #expect(try probe("/readyz") == (200, "ok\n"))
        // The same anonymous caller is refused everywhere else.
        #expect(try probe("/v1/caller").status == 401)

        // The catalog file gone: not ready, still alive, and the answer names no path or error.
        let catalog = served.lake + "/catalog.sqlite"
        let aside = served.lake + "/catalog.sqlite.aside"
        try FileManager.default.moveItem(atPath: catalog, toPath: aside)
        #expect(try probe("/readyz") == (503, "unavailable\n"))
        #expect(try probe("/healthz") == (200, "ok\n"))

        // A file that is not a database in its place.
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: catalog))
        #expect(try probe("/readyz") == (503, "unavailable\n"))
        try FileManager.default.removeItem(atPath: catalog)

        // The file back but unreadable to the service's account.
        try FileManager.default.moveItem(atPath: aside, toPath: catalog)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: catalog)[.posixPermissions] as? Int)
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: catalog)
        #expect(try probe("/readyz") == (503, "unavailable\n"))

        // The catalog as it was: ready again, and it still serves the lake.
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: catalog)
        #expect(try probe("/readyz") == (200, "ok\n"))
        let listed = try served.medlake(["datasets", "--json"], as: served.service)
        #expect(listed.status == 0, "\(listed.stderr)")
    }
}
