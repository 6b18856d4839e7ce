import Foundation
import Testing

/// How the service names a socket peer from its uid: a uid with no password entry is an unknown user
/// (401), and a long entry (a GECOS field larger than the first lookup buffer) is still found, never a
/// lookup failure answered as one. (A lookup that fails outright is a system error, 500:
/// `IdentityLookupTests` makes the real `getpwuid_r` fail.)
@Suite(.serialized, .enabled(if: UnixUsers.available, "needs root to create Unix users"))
struct ServiceCallerLookupCLITests {
    @Test func aPeerUIDWithoutAnAccountIsAnUnknownUser() throws {
        let served = try ServedLake()
        let unused = try #require((60_000..<65_000).first { getpwuid(uid_t($0)) == nil })
        let asNobody = ["--reuid=\(unused)", "--regid=\(unused)", "--clear-groups"]
        let raw = try MedLakeProcess.run(
            asNobody + ["/usr/bin/curl", "-s", "-i", "--unix-socket", served.socket, "http://lake/v1/datasets"],
            binary: "/usr/bin/setpriv")
        #expect(raw.stdout.hasPrefix("HTTP/1.1 401"), "\(raw.stdout)")
        let problem = try ProblemJSON(curlOutput: raw.stdout)
        #expect(problem.code == "unknownUser" && problem.status == 401, "\(problem)")
        #expect(problem.detail.contains("\(unused)"), "\(problem.detail)")

        let cli = try MedLakeProcess.run(
            asNobody + [served.binary, "datasets", "--json", "--lake", served.lake], binary: "/usr/bin/setpriv")
        #expect(cli.status == 1)
        let failure = try JSONDecoder().decode(FailureJSON.self, from: Data(cli.stderr.utf8))
        #expect(failure.code == "unknownUser", "\(cli.stderr)")
    }

    @Test func aPeerWithAPasswordEntryLargerThanTheLookupBufferIsNamed() throws {
        let served = try ServedLake(people: ["gecos"])
        let user = served.extra[0]
        try UnixUsers.command("/usr/sbin/usermod", ["-c", String(repeating: "g", count: 6000), user])
        let raw = try served.tool(
            "/usr/bin/curl", ["-s", "-i", "--unix-socket", served.socket, "http://lake/v1/caller"], as: user)
        #expect(raw.stdout.hasPrefix("HTTP/1.1 200"), "\(raw.stdout.prefix(400))")
        let body = raw.stdout.components(separatedBy: "\r\n\r\n").last ?? ""
        let caller = try JSONDecoder().decode(CallerJSON.self, from: Data(body.utf8))
        #expect(caller.user == user)
    }
}
