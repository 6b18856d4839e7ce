import Hummingbird
import LakeEngine
import NIOCore
import NIOPosix

/// `POST /v1/ingest`: files a client read with its own rights arrive as bytes (``IngestUploadFormat``).
///
/// The service never opens a path a client names: it would open it with the service account's rights,
/// and a curator could then ingest `/etc/shadow` or another user's 0600 file (a confused deputy). The
/// client walks and reads its files as itself, so the kernel decides what it may read; the service only
/// hashes, parses and stores the bytes it is sent, and records the names as provenance. The same route
/// serves the Unix socket (caller from `SO_PEERCRED`) and TCP (caller from the bearer token).
extension LakeServer {
    func addIngestRoutes(to router: Router<PeerRequestContext>) {
        let v1 = router.group("v1")
        v1.post("ingest") { request, context in
            await ingest(request, context)
        }
    }

    /// Checks the caller's ingest right before reading any of the body, then feeds the body to an
    /// ``UploadIngest`` chunk by chunk on the thread pool (decoding, batch work and commits block).
    private func ingest(_ request: Request, _ context: PeerRequestContext) async -> Response {
        let pool = NIOThreadPool.singleton
        let upload: UploadIngest
        do {
            let lake = current.acting(as: try await caller(of: context))
            let parameters = request.parameters
            let dataset = try parameters.required("dataset")
            let options = IngestOptions(keepUnknown: try Self.flag(parameters["keepUnknown"], named: "keepUnknown"))
            let source = try Self.remoteSource(parameters)
            upload = try await pool.runIfActive { try lake.uploadIngest(dataset: dataset, options: options, source: source) }
        } catch {
            return WireFormat.problemResponse(error)
        }
        do {
            // Chunks go to the pool a megabyte at a time: one hop per NIO read would cost more than the
            // decoding.
            var gathered: [ByteBuffer] = []
            var gatheredBytes = 0
            for try await chunk in request.body {
                gathered.append(chunk)
                gatheredBytes += chunk.readableBytes
                guard gatheredBytes >= Self.handOffBytes else { continue }
                try await pool.runIfActive { [gathered] in for chunk in gathered { try upload.receive(chunk) } }
                gathered = []
                gatheredBytes = 0
            }
            try await pool.runIfActive { [gathered] in for chunk in gathered { try upload.receive(chunk) } }
            let report = try await pool.runIfActive { try upload.finish() }
            return try WireFormat.response(report)
        } catch {
            _ = try? await pool.runIfActive { upload.abandon() }
            return WireFormat.problemResponse(error)
        }
    }

    /// How many received bytes are handed to the upload at once.
    static let handOffBytes = 1 << 20

    /// The DICOM server a pull's upload names (`source` and `sourceURL`), whose cursor its batches advance.
    /// The service records the URL and never fetches it: the client pulled the instances.
    private static func remoteSource(_ parameters: [String: String]) throws -> RemoteSourceName? {
        guard let kind = parameters["source"] else { return nil }
        guard let known = RemoteSourceKind(rawValue: kind) else {
            throw LakeError.invalidArgument("The 'source' parameter is orthanc or dicomweb, not '\(kind)'.")
        }
        return try RemoteSourceName(kind: known, url: try parameters.required("sourceURL"))
    }

    /// A boolean query parameter: absent is false.
    /// - Throws: ``LakeError/invalidArgument(_:)`` for anything but `true` or `false`.
    private static func flag(_ value: String?, named name: String) throws -> Bool {
        switch value {
        case nil, "false": return false
        case "true": return true
        case let other?: throw LakeError.invalidArgument("The '\(name)' parameter is true or false, not '\(other)'.")
        }
    }
}
