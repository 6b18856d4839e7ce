import AsyncHTTPClient
import NIOCore

/// Streams an object's bytes (or a range of them) from a GET answer, a chunk at a time.
///
/// The answer's body is consumed as the caller reads, so memory holds one network chunk at most. A body
/// shorter or longer than the announced length ends with ``S3Error`` `.invalidResponse`.
///
/// - warning: Not thread-safe; one reader per task.
public final class S3ObjectReader {
    private var iterator: HTTPClientResponse.Body.AsyncIterator
    private var pending = ByteBuffer()
    private var remaining: Int64
    private let key: String

    init(body: HTTPClientResponse.Body, length: Int64, key: String) {
        self.iterator = body.makeAsyncIterator()
        self.remaining = length
        self.key = key
    }

    /// GETs `key` (the bytes in `range` when given) and returns a reader positioned at its first byte.
    public static func open(client: S3Client, key: String, range: Range<Int64>?) async throws -> S3ObjectReader {
        var request = S3Client.Request(operation: "GetObject", method: .GET, key: key)
        if let range {
            guard !range.isEmpty else { return S3ObjectReader(body: .init(), length: 0, key: key) }
            request.headers.append(("range", "bytes=\(range.lowerBound)-\(range.upperBound - 1)"))
        }
        return try await client.send(request) { response in
            guard let length = response.headers.first(name: "content-length").flatMap({ Int64($0) }) else {
                throw S3Error(
                    .invalidResponse, operation: "GetObject", bucket: client.location.bucket, key: client.fullKey(key),
                    message: "no Content-Length")
            }
            if let range, let expected = expectedLength(of: range, contentRange: response.headers.first(name: "content-range")),
                length != expected
            {
                // SeaweedFS 4.4x can commit an answer before it has the bytes (an empty 206): ask again.
                throw S3Client.IncompleteBody(error: S3Error(
                    .invalidResponse, operation: "GetObject", key: client.fullKey(key),
                    message: "the answer announced \(length) bytes for a range of \(expected)"))
            }
            return S3ObjectReader(body: response.body, length: length, key: client.fullKey(key))
        }
    }

    /// How many bytes a GET of `range` must carry: the whole range, or up to the object's end when the
    /// answer's `Content-Range` (`bytes FIRST-LAST/TOTAL`) says it is shorter. Nil when that header is
    /// there but unreadable: the body's own length checks still hold.
    static func expectedLength(of range: Range<Int64>, contentRange: String?) -> Int64? {
        guard let contentRange else { return Int64(range.count) }
        guard let slash = contentRange.lastIndex(of: "/") else { return nil }
        let total = contentRange[contentRange.index(after: slash)...]
        guard total != "*" else { return Int64(range.count) }
        guard let size = Int64(total) else { return nil }
        return max(0, min(range.upperBound, size) - range.lowerBound)
    }

    /// Fills the start of `buffer`; returns how many bytes it wrote, 0 at the end of the object.
    public func read(into buffer: UnsafeMutableRawBufferPointer) async throws -> Int {
        while pending.readableBytes == 0 {
            guard let next = try await iterator.next() else {
                guard remaining == 0 else {
                    throw S3Error(.invalidResponse, operation: "GetObject", key: key, message: "the body ended early")
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
            throw S3Error(.invalidResponse, operation: "GetObject", key: key, message: "the body is longer than announced")
        }
        return count
    }
}
