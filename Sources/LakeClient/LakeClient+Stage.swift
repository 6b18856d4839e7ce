import AsyncHTTPClient
import Foundation
import LakeEngine
import NIOCore
import NIOFoundationCompat
import Storage

/// Stage-in through the lake service: the service authorizes, audits and plans (`POST /v1/stagings`),
/// this process fetches every file from the plan's URLs and writes and verifies it as an in-process
/// staging does (``StagePlan/fetch(into:options:restoredObjects:open:progress:)``), then reports the
/// folder back (`POST /v1/stagings/ID/complete`) so a `--run` is recorded.
///
/// A pod therefore needs the service's URL, its CA and a token with read access, nothing else: S3 objects
/// come from presigned URLs (sent without the token, which S3 must never see), folder objects from the
/// service.
extension LakeClient {
    /// How often a restore the service runs is polled for progress.
    static let restorePollInterval = Duration.milliseconds(500)

    public func stage(
        _ reference: String, to directory: String, options: StageOptions,
        progress: @escaping @Sendable (StageEvent) -> Void
    ) async throws -> StageReport {
        let request = StageRequest(
            version: reference, run: options.run, restore: options.restore, restoreTier: options.restoreTier)
        var plan: StagePlan = try await post("stagings", request)
        var restored: Int64 = 0
        // One restore brings every archived object back; a second plan that still needs one means the
        // objects went back to an archive meanwhile, which is not worth chasing.
        if let job = plan.restoreJob {
            restored = try await watchRestore(job: job, progress: progress)
            plan = try await post("stagings", request)
            if let again = plan.restoreJob {
                let overview = try await self.job(id: again)
                throw StageError.restoreFailed(job: again, state: overview.state, error: "objects were archived again")
            }
        }
        let report = try await plan.fetch(
            into: directory, options: options, restoredObjects: restored,
            open: { file, range in try await self.open(file, range: range) }, progress: progress)
        return try await post("stagings/\(Self.escapedSegment(plan.id))/complete", report)
    }

    /// Follows the restore job the service runs until it ends; returns the objects it restored.
    private func watchRestore(job id: Int64, progress: @escaping @Sendable (StageEvent) -> Void) async throws -> Int64 {
        while true {
            let job = try await self.job(id: id)
            progress(.restoring(job: id, objectsDone: job.objectsDone, objectsTotal: job.objectsTotal))
            switch job.state {
            case .done: return job.objectsDone
            case .failed, .cancelled: throw StageError.restoreFailed(job: id, state: job.state, error: job.error)
            case .queued, .running, .paused: try await Task.sleep(for: Self.restorePollInterval)
            }
        }
    }

    /// GETs `range` of a planned file (all of it when nil).
    private func open(_ file: StagePlan.File, range: Range<Int64>?) async throws -> any ObjectReading {
        let shown = String(file.url.prefix { $0 != "?" })
        if let range, range.isEmpty { return HTTPObjectReader(body: nil, length: 0, url: shown) }
        var request: HTTPClientRequest
        let client: HTTPClient
        switch file.access {
        case .presigned:
            guard file.url.hasPrefix("https://") || file.url.hasPrefix("http://") else {
                throw StageError.untrustedPlan(version: file.location, reason: "file \(file.index) has no URL")
            }
            // The system's trust store (an S3 endpoint is not signed by the lake's CA), and no token.
            request = HTTPClientRequest(url: file.url)
            client = .shared
        case .service:
            guard file.url.hasPrefix("/v1/") else {
                throw StageError.untrustedPlan(version: file.location, reason: "file \(file.index) is not a service path")
            }
            request = HTTPClientRequest(url: try url(String(file.url.dropFirst(4)), []))
            if let remote { request.headers.add(name: "Authorization", value: "Bearer " + remote.token) }
            client = http
        }
        if let range { request.headers.add(name: "Range", value: "bytes=\(range.lowerBound)-\(range.upperBound - 1)") }
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: Self.callTimeout)
        } catch {
            throw LakeClientError(error, socket: shown)
        }
        // 206 for a range, 200 for a whole file: a server that ignored the Range would send the wrong bytes.
        guard response.status.code == (range == nil ? 200 : 206),
            let length = response.headers.first(name: "Content-Length").flatMap({ Int64($0) })
        else {
            let body = (try? await response.body.collect(upTo: 64 << 10)) ?? ByteBuffer()
            if response.headers.first(name: "Content-Type") == "application/problem+json",
                let problem = try? JSONDecoder().decode(ProblemDetails.self, from: body)
            {
                throw problem.failure.error
            }
            throw LakeClientError.objectRefused(
                url: shown, status: Int(response.status.code), reason: Self.s3Message(String(buffer: body)))
        }
        return HTTPObjectReader(body: response.body, length: length, url: shown)
    }

    /// The `<Message>` of an S3 error document (`Request has expired`), or nothing.
    private static func s3Message(_ body: String) -> String {
        guard let start = body.range(of: "<Message>"), let end = body.range(of: "</Message>", range: start.upperBound..<body.endIndex)
        else { return "" }
        return String(body[start.upperBound..<end.lowerBound].prefix(200))
    }
}
