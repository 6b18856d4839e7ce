import AsyncHTTPClient
import Foundation
import LakeEngine
import NIOCore

extension LakeClient {
    /// The service's server-sent events (`GET /v1/events`) as ``CatalogChange``s. The service watches the
    /// catalog from before it answers, so every commit after this returns is reported. The stream ends
    /// with ``LakeClientError`` when the connection does (a stopped service): callers open it again.
    public func changes() async throws -> AsyncThrowingStream<CatalogChange, any Error> {
        var request = HTTPClientRequest(url: try url("events", []))
        request.headers.add(name: "Accept", value: "text/event-stream")
        let response = try await open(request)
        let (stream, continuation) = AsyncThrowingStream<CatalogChange, any Error>.makeStream()
        let address = address
        let reading = Task {
            var parser = ServerSentEvents()
            do {
                for try await buffer in response.body {
                    for event in parser.feed(buffer.readableBytesView) where event.name == "change" {
                        continuation.yield(try Self.decoder.decode(CatalogChange.self, from: Data(event.data.utf8)))
                    }
                }
                continuation.finish(throwing: LakeClientError.unreachable(socket: address, reason: "the service ended the event stream"))
            } catch is CancellationError {
                continuation.finish()
            } catch let error as DecodingError {
                continuation.finish(throwing: error)
            } catch {
                continuation.finish(throwing: LakeClientError(error, socket: address))
            }
        }
        continuation.onTermination = { _ in reading.cancel() }
        return stream
    }
}
