import AsyncHTTPClient
import Foundation
import LakeEngine
import NIOCore

/// `medlake ingest` through the service: this process reads the files (with the user's rights) and
/// sends their bytes to `POST /v1/ingest` (``IngestUploadFormat``); the service hashes, parses and
/// stores them and answers with the report.
extension LakeClient {
    public func ingest(
        files paths: [SourcePath], dataset name: String, keepUnknown: Bool,
        progress: (@Sendable (IngestProgress) -> Void)?
    ) async throws -> IngestReport {
        var parameters = [("dataset", name)]
        if keepUnknown { parameters.append(("keepUnknown", "true")) }
        var request = HTTPClientRequest(url: try url("ingest", parameters))
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/octet-stream")
        request.body = .stream(UploadBody(paths: paths, progress: progress), length: .unknown)
        return try await send(request)
    }
}

/// The upload as the request body: walked when the request starts, read a chunk at a time as the
/// connection takes it (so memory holds about one chunk, whatever the service's pace).
private struct UploadBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    let paths: [SourcePath]
    let progress: (@Sendable (IngestProgress) -> Void)?

    func makeAsyncIterator() -> Iterator {
        Iterator(source: IngestUploadSource(paths: paths), progress: progress)
    }

    struct Iterator: AsyncIteratorProtocol {
        var source: IngestUploadSource
        let progress: (@Sendable (IngestProgress) -> Void)?
        let start = ContinuousClock.now

        mutating func next() async throws -> ByteBuffer? {
            guard let chunk = try source.nextChunk() else { return nil }
            if let progress {
                let elapsed = ContinuousClock.now - start
                progress(IngestProgress(
                    filesDone: source.filesDone, filesTotal: source.filesTotal, bytesDone: source.bytesDone,
                    bytesTotal: source.bytesTotal,
                    elapsed: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
            }
            return chunk
        }
    }
}
