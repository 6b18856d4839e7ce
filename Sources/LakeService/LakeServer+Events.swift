import Hummingbird
import LakeEngine
import NIOCore
import NIOPosix

extension LakeServer {
    /// How often an idle event stream sends a comment: it keeps proxies from closing the connection, and a
    /// write to a client that went away ends the stream (and the caller's catalog watch) at the latest then.
    static let eventKeepAlive = Duration.seconds(15)

    /// `GET /v1/events`: the caller's ``ChangeFeed`` as server-sent events, one `change` event (data: the
    /// ``CatalogChange`` as JSON) per commit. The engine checks the caller may read before the stream
    /// opens; a refusal is a problem like any other.
    func events(_ context: PeerRequestContext) async -> Response {
        let changes: AsyncThrowingStream<CatalogChange, any Error>
        do {
            let caller = try await callerLake(context)
            changes = try await NIOThreadPool.singleton.runIfActive { try caller.changes() }
        } catch {
            return WireFormat.problemResponse(error)
        }
        let (body, continuation) = AsyncStream<ByteBuffer>.makeStream()
        continuation.yield(ByteBuffer(string: ": medlake catalog changes\n\n"))
        let forwarding = Task {
            // A failed watch ends the stream like a stopped service would; the client opens a new one.
            defer { continuation.finish() }
            for try await change in changes {
                let data = try WireFormat.encoder.encode(change)
                continuation.yield(ByteBuffer(string: "event: change\ndata: " + String(decoding: data, as: UTF8.self) + "\n\n"))
            }
        }
        let keepingAlive = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.eventKeepAlive)
                continuation.yield(ByteBuffer(string: ": keep-alive\n\n"))
            }
        }
        continuation.onTermination = { _ in
            forwarding.cancel()
            keepingAlive.cancel()
        }
        return Response(
            status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
            body: ResponseBody(asyncSequence: body))
    }
}
