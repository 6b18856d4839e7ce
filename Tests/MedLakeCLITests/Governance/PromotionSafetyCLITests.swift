import Foundation
import Synchronization
import Testing

/// Promotion safety through the real binary, as real Unix users: a source altered on disk is not
/// promoted, and two processes requesting the same promotion at once leave exactly one request.
@Suite(.serialized, .enabled(if: UnixUsers.available, "needs root to create Unix users"))
struct PromotionSafetyCLITests {
    typealias SharedLake = GovernanceCLITests.SharedLake
    typealias PromotionJSON = GovernanceCLITests.PromotionJSON

    @Test func aSourceAlteredOnDiskIsNotPromoted() throws {
        let shared = try SharedLake()
        defer { shared.cleanUp() }
        let objects = try FileManager.default.subpathsOfDirectory(atPath: shared.lake)
            .filter { $0.contains("objects/") && $0.split(separator: "/").last?.count == 62 }.sorted()
        let victim = try #require(objects.first)
        let parts = victim.split(separator: "/")
        let sha256 = String(parts[parts.count - 2] + parts[parts.count - 1])
        try Self.flipLastByte(of: shared.lake + "/" + victim)
        let verified = try shared.attempt(["manifest", "verify", "ct@2"], as: shared.alice)
        #expect((verified.stdout + verified.stderr).contains("corrupt"))

        let requested = try shared.run(["promote", "request", "ct@2", "--to", "curated", "--json"], as: shared.alice)
        let promotion = try JSONDecoder().decode(PromotionJSON.self, from: Data(requested.stdout.utf8))
        let approved = try shared.attempt(["promote", "approve", String(promotion.id), "--comment", "ok", "--json"], as: shared.bob)
        let failed = try JSONDecoder().decode(PromotionJSON.self, from: Data(approved.stdout.utf8))
        #expect(failed.state == "approved")
        #expect(failed.error?.contains(sha256) == true, "\(failed.error ?? approved.stderr)")
        #expect(try shared.versionCount() == 2)

        let retried = try shared.attempt(["promote", "execute", String(promotion.id)], as: shared.alice)
        #expect(retried.status != 0)
        #expect(retried.stderr.contains(sha256), "\(retried.stderr)")
        let flags = try shared.run(["flags", "list", "--code", "corrupt-object"], as: shared.alice)
        #expect(flags.stdout.contains(String(sha256.prefix(12))), "\(flags.stdout)")
        let log = try shared.run(["audit", "list", "--action", "promotion.execute.failed", "--json"], as: shared.alice)
        let events = try JSONDecoder().decode([GovernanceCLITests.EventJSON].self, from: Data(log.stdout.utf8))
        #expect(events.count == 2)
        #expect(events.allSatisfy { $0.details.values.contains { $0.contains(sha256) } })
    }

    @Test func twoProcessesRequestingAtOnceLeaveOneRequest() throws {
        let shared = try SharedLake()
        defer { shared.cleanUp() }
        let arguments = ["promote", "request", "ct@2", "--to", "curated", "--reason", "race", "--lake", shared.lake]
        let alice = shared.alice
        let binary = shared.binary
        let results = Mutex<[MedLakeProcess.Result]>([])
        let group = DispatchGroup()
        for _ in 0..<2 {
            DispatchQueue.global().async(group: group) {
                let result = (try? MedLakeProcess.run(arguments, as: alice, binary: binary))
                    ?? MedLakeProcess.Result(status: -1, stdout: "", stderr: "could not start")
                results.withLock { $0.append(result) }
            }
        }
        group.wait()
        let finished = results.withLock { $0 }
        #expect(finished.count == 2)
        #expect(finished.filter { $0.status == 0 }.count == 1, "\(finished.map(\.stderr))")
        let refused = try #require(finished.first { $0.status != 0 })
        #expect(refused.stderr.contains("already has promotion 1 to curated (pending)"), "\(refused.stderr)")

        let listed = try shared.run(["promote", "list", "--json"], as: alice)
        #expect(try JSONDecoder().decode([PromotionJSON].self, from: Data(listed.stdout.utf8)).count == 1)
    }

    static func flipLastByte(of path: String) throws {
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let end = try handle.seekToEnd()
        try handle.seek(toOffset: end - 1)
        let last = try handle.read(upToCount: 1) ?? Data([0])
        try handle.seek(toOffset: end - 1)
        try handle.write(contentsOf: Data([last[last.startIndex] ^ 0xFF]))
    }
}
