import AsyncHTTPClient
import NIOCore
import Storage

/// Streams a staged file's bytes from an HTTP answer (a presigned S3 GET or the service's file route),
/// a network chunk at a time, and fails when the body is shorter or longer than its `Content-Length`.
///
/// - warning: Not thread-safe; one reader per task.
final class HTTPObjectReader: ObjectReading {
    private var iterator: HTTPClientResponse.Body.AsyncIterator?
    private var pending = ByteBuffer()
    private var remaining: Int64
    /// The URL without its query, for messages.
    private let url: String

    init(body: HTTPClientResponse.Body?, length: Int64, url: String) {
        iterator = body?.makeAsyncIterator()
        remaining = length
        self.url = url
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) async throws -> Int {
        while pending.readableBytes == 0 {
            guard let next = try await iterator?.next() else {
                guard remaining == 0 else {
                    throw LakeClientError.objectRefused(url: url, status: 200, reason: "the body ended \(remaining) bytes early")
                }
                return 0
            }
            pending = next
        }
        let count = min(buffer.count, pending.readableBytes)
        pending.withUnsafeReadableBytes { bytes in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[0..<count]))
        }
        pending.moveReaderIndex(forwardBy: count)
        remaining -= Int64(count)
        guard remaining >= 0 else {
            throw LakeClientError.objectRefused(url: url, status: 200, reason: "the body is longer than announced")
        }
        return count
    }
}
