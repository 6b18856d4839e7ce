import Foundation
import HTTPTypes
import Hummingbird
import LakeEngine
import NIOCore
import NIOPosix
import Storage

/// The routes of remote stage-in (``StagePlan``): plan a staging, stream a planned file from a folder
/// tier, and report the staging done so its run records it.
///
/// - `POST /v1/stagings` (``StageRequest``) answers a ``StagePlan``, after the engine checked and audited
///   the read (``Lake/planStage(_:id:servicePath:lifetime:now:)``); with a restore it starts the job here.
/// - `GET /v1/stagings/ID/files/N` streams manifest entry N, whole or one `Range: bytes=A-B` (206), only
///   to the caller the staging was planned for (``Lake/openStagedFile(_:index:range:now:)``).
/// - `POST /v1/stagings/ID/complete` (``StageReport``) binds the staging to its run.
extension LakeServer {
    func addStageRoutes(to v1: RouterGroup<PeerRequestContext>) {
        v1.post("stagings") { request, context in
            await answerAsync(context, body: request, as: StageRequest.self) { lake, stage in
                try await planStage(stage, as: lake)
            }
        }
        v1.get("stagings/:id/files/:index") { request, context in
            await streamStagedFile(request, context)
        }
        v1.post("stagings/:id/complete") { request, context in
            await answerAsync(context, body: request, as: StageReport.self) { lake, report in
                let grant = stageGrants.grant(try context.parameters.require("id"))
                return try await lake.finishStage(grant, report: report)
            }
        }
    }

    /// Plans as the caller, keeps the grant, and runs a restore the plan needs in this process.
    private func planStage(_ request: StageRequest, as lake: Lake) async throws -> StagePlan {
        let id = StageGrants.newID()
        let grant = try await lake.planStage(request, id: id, servicePath: { "/v1/stagings/\(id)/files/\($0)" })
        if let job = grant.plan.restoreJob {
            // The caller follows the job through `GET /v1/migrations/ID`; the job's own record says how it
            // ended, so the task's error needs no other home.
            Task { try? await lake.runStageRestore(job: job) }
        } else {
            stageGrants.add(grant)
        }
        return grant.plan
    }

    private func streamStagedFile(_ request: Request, _ context: PeerRequestContext) async -> Response {
        do {
            let lake = current.acting(as: try await caller(of: context))
            guard let index = Int(context.parameters.get("index") ?? "") else {
                throw LakeError.invalidArgument("The file index in the path is not a whole number.")
            }
            let grant = stageGrants.grant(context.parameters.get("id") ?? "")
            let range = try Self.byteRange(request.headers[.range])
            let (reader, length) = try await lake.openStagedFile(grant, index: index, range: range)
            var headers: HTTPFields = [.contentType: "application/octet-stream", .contentLength: String(length)]
            headers[.acceptRanges] = "bytes"
            if let range {
                let size = grant?.objects[index]?.size ?? 0
                headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound - 1)/\(size)"
            }
            let box = ReaderBox(reader)
            return Response(
                status: range == nil ? .ok : .partialContent, headers: headers,
                body: ResponseBody(contentLength: Int(length)) { writer in
                    while let chunk = try await box.next() {
                        try await writer.write(chunk)
                    }
                    try await writer.finish(nil)
                })
        } catch {
            return WireFormat.problemResponse(error)
        }
    }

    /// Names the caller, decodes the body as `Body` and awaits `work` as the caller: the stage calls are
    /// asynchronous (a plan may presign URLs and queue a restore), unlike the routes' thread-pool calls.
    func answerAsync<Body: Decodable & Sendable, Value: Encodable & Sendable>(
        _ context: PeerRequestContext, body request: Request, as _: Body.Type,
        _ work: @escaping @Sendable (Lake, Body) async throws -> Value
    ) async -> Response {
        do {
            let lake = current.acting(as: try await caller(of: context))
            var request = request
            let bytes = try await request.collectBody(upTo: WireFormat.maximumBody)
            let body = try WireFormat.decoder.decode(Body.self, from: Data(buffer: bytes))
            return try WireFormat.response(try await work(lake, body))
        } catch {
            return WireFormat.problemResponse(error)
        }
    }

    /// The one range of a `Range: bytes=A-B` header (`bytes=A-` to the end is not needed by our client and
    /// refused, as are several ranges); nil without a header.
    static func byteRange(_ header: String?) throws -> Range<Int64>? {
        guard let header else { return nil }
        let invalid = LakeError.invalidArgument("Please give one Range as bytes=FIRST-LAST.")
        guard header.hasPrefix("bytes=") else { throw invalid }
        let bounds = header.dropFirst("bytes=".count).split(separator: "-", omittingEmptySubsequences: false)
        guard bounds.count == 2, let first = Int64(bounds[0]), let last = Int64(bounds[1]), first >= 0, last >= first,
            last < Int64.max
        else { throw invalid }
        return first..<(last + 1)
    }
}

/// An object reader handed to a response body, which writes it from another task.
private final class ReaderBox: @unchecked Sendable {
    // Unchecked: the route creates the reader and hands it over; from then on only the body's task reads it.
    private let reader: any ObjectReading
    private let scratch: UnsafeMutableRawBufferPointer

    init(_ reader: any ObjectReading) {
        self.reader = reader
        scratch = .allocate(byteCount: 1 << 20, alignment: 16)
    }

    deinit { scratch.deallocate() }

    /// The next chunk of the object, or nil at its end.
    func next() async throws -> ByteBuffer? {
        let count = try await reader.read(into: scratch)
        guard count > 0 else { return nil }
        return ByteBuffer(bytes: UnsafeRawBufferPointer(rebasing: scratch[0..<count]))
    }
}
