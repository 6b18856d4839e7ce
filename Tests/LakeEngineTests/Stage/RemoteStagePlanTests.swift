import AsyncHTTPClient
import Foundation
import NIOCore
import Storage
import Testing

@testable import LakeEngine

/// Remote staging from an S3 tier on the real SeaweedFS server: the plan hands out presigned GETs, and a
/// process holding nothing but the plan fetches and verifies every byte; an expired URL is refused.
@Suite(.enabled(
    if: ProcessInfo.processInfo.environment["MEDLAKE_TEST_S3_ENDPOINT"] != nil
        || ProcessInfo.processInfo.environment["CI"] == "true",
    "SeaweedFS not configured: run `.ci/services.sh start DIR` and source DIR/services.env"))
struct RemoteStagePlanTests {
    /// A lake whose dataset `a` (three small objects and a 3 MiB one) lives in an S3 tier only.
    private func s3Lake() async throws -> (Lake, VersionSummary) {
        let temporary = try TemporaryLake()
        let environment = ProcessInfo.processInfo.environment
        guard let endpoint = environment["MEDLAKE_TEST_S3_ENDPOINT"], let bucket = environment["MEDLAKE_TEST_S3_BUCKET"]
        else { throw LakeError.invalidArgument("MEDLAKE_TEST_S3_ENDPOINT and MEDLAKE_TEST_S3_BUCKET are not set") }
        try temporary.ingestObjects("a", count: 3, size: 4000)
        try temporary.ingestObjects("a", count: 1, size: 3 << 20, seed: 5)
        let lake = try temporary.appendingTOML("""
            [tiers.cloud]
            kind = "s3"
            endpoint = "\(endpoint)"
            bucket = "\(bucket)"
            prefix = "remote-stage-\(UUID().uuidString.lowercased())"
            access_key_env = "MEDLAKE_TEST_S3_ACCESS_KEY"
            secret_key_env = "MEDLAKE_TEST_S3_SECRET_KEY"
            """)
        let version = try lake.publishVersion(dataset: "a")
        _ = try lake.queueMigration("a", to: "cloud")
        #expect(try await MigrationWorker(lake: lake).runNextJob()?.state == .done)
        #expect(Set(try temporary.placements().values) == ["cloud"])
        return (lake, version)
    }

    @Test func presignedURLsCarryNoSecretAndStageEveryByteVerified() async throws {
        let (lake, version) = try await s3Lake()
        let grant = try await lake.planStage(
            StageRequest(version: version.reference), id: "plan-1", servicePath: { "/v1/stagings/plan-1/files/\($0)" })
        let plan = grant.plan
        #expect(plan.files.count == 4 && plan.files.allSatisfy { $0.access == .presigned })
        #expect(grant.objects.isEmpty, "nothing is streamed through the service for a bucket")
        let secret = try #require(ProcessInfo.processInfo.environment["MEDLAKE_TEST_S3_SECRET_KEY"])
        for file in plan.files {
            #expect(file.url.contains("X-Amz-Signature=") && file.url.contains("X-Amz-Expires=3600"))
            #expect(!file.url.contains(secret))
        }
        let directory = NSTemporaryDirectory() + "remote-stage-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // Ranges of 1 MiB: the big object comes in three parallel ranged GETs of the one URL.
        let options = StageOptions(connections: 4, partSize: 1 << 20)
        let report = try await plan.fetch(into: directory, options: options, open: Self.get, progress: { _ in })
        #expect(report.methods == [StageMethod.download.rawValue: 4])
        #expect(report.version == version.reference && report.files == 4)
        for entry in try lake.manifest(version.reference).entries {
            let staged = try ContentHasher.digest(ofFileAt: directory + "/" + entry.path.trimmingPrefix("/"))
            #expect(staged.digest.hex == entry.sha256 && staged.size == entry.size, "\(entry.path)")
        }
        let again = try await plan.fetch(into: directory, options: options, open: Self.get, progress: { _ in })
        #expect(again.methods == [StageMethod.alreadyVerified.rawValue: 4])
        let audit = try lake.auditEntries(AuditQuery(action: "version.stage"))
        #expect(audit.items.contains { $0.details["staging"] == "plan-1" && $0.details["via"] == "service" })
    }

    @Test func anExpiredPresignedURLIsRefusedByTheBucket() async throws {
        let (lake, version) = try await s3Lake()
        // Signed two hours ago for one minute: expired when used, however fast the machine.
        let grant = try await lake.planStage(
            StageRequest(version: version.reference), id: "plan-2", servicePath: { "/v1/stagings/plan-2/files/\($0)" },
            lifetime: 60, now: Date().addingTimeInterval(-7200))
        let directory = NSTemporaryDirectory() + "remote-stage-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        await #expect(throws: PresignedRefusal.self) {
            try await grant.plan.fetch(into: directory, options: StageOptions(), open: Self.get, progress: { _ in })
        }
        do {
            _ = try await grant.plan.fetch(into: directory, options: StageOptions(), open: Self.get, progress: { _ in })
        } catch let refusal as PresignedRefusal {
            #expect(refusal.status == 403 && refusal.body.contains("expired"), "\(refusal.body)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory + "/manifest.json"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/.medlake-partial"))
    }

    // MARK: - A client holding only the plan

    struct PresignedRefusal: Error {
        var status: Int
        var body: String
    }

    /// GETs a presigned URL (with a `Range` for a part), with no credentials at all.
    @Sendable static func get(_ file: StagePlan.File, _ range: Range<Int64>?) async throws -> any ObjectReading {
        var request = HTTPClientRequest(url: file.url)
        if let range { request.headers.add(name: "Range", value: "bytes=\(range.lowerBound)-\(range.upperBound - 1)") }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(120))
        guard response.status.code == (range == nil ? 200 : 206) else {
            let body = try await response.body.collect(upTo: 1 << 16)
            throw PresignedRefusal(status: Int(response.status.code), body: String(buffer: body))
        }
        return BodyReader(try await response.body.collect(upTo: 64 << 20))
    }

    /// The bytes of a collected answer as an object stream.
    final class BodyReader: ObjectReading {
        private var buffer: ByteBuffer

        init(_ buffer: ByteBuffer) {
            self.buffer = buffer
        }

        func read(into target: UnsafeMutableRawBufferPointer) async throws -> Int {
            let count = min(target.count, buffer.readableBytes)
            buffer.withUnsafeReadableBytes { target.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            buffer.moveReaderIndex(forwardBy: count)
            return count
        }
    }
}
