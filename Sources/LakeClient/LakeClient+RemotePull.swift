import AsyncHTTPClient
import LakeEngine
import NIOCore

/// `medlake ingest --from-orthanc|--from-dicomweb` through the service: this process pulls from the
/// server with the user's credentials and network (``RemotePullUpload``) and streams the instances to
/// `POST /v1/ingest`; for Orthanc it starts after the dataset's cursor and the service commits each
/// batch's cursor with its rows; from DICOMweb it retrieves only the instances the service says the dataset
/// does not hold yet. The service never fetches a URL a client names.
extension LakeClient {
    public func pull(
        _ pull: RemotePull, credentials: RemoteCredentials?, progress: (@Sendable (IngestProgress) -> Void)?
    ) async throws -> IngestReport {
        var parameters = [("dataset", pull.dataset)]
        if pull.keepUnknown { parameters.append(("keepUnknown", "true")) }
        var cursor: Int64 = 0
        if pull.kind == .orthanc {
            // Asked first: a caller who may not ingest is refused before the server sees a request.
            let stored = try await remoteSource(RemoteSourceQuery(dataset: pull.dataset, kind: .orthanc, url: pull.url))
            cursor = pull.since ?? stored.cursor
        }
        let upload = try RemotePullUpload(pull: pull, credentials: credentials, after: cursor) { [self] batch in
            try await cataloguedInstances(dataset: pull.dataset, among: batch)
        }
        if pull.kind == .orthanc { parameters += [("source", "orthanc"), ("sourceURL", upload.sourceURL)] }
        var request = HTTPClientRequest(url: try url("ingest", parameters))
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/octet-stream")
        let pipe = UploadPipe()
        request.body = .stream(pipe, length: .unknown)
        let producer = Task { await upload.produce(into: pipe, progress: progress) }
        do {
            let report: IngestReport = try await send(request)
            pipe.close()
            _ = await producer.value
            return report
        } catch {
            pipe.close()
            producer.cancel()
            // The DICOM server's failure explains an aborted upload better than the aborted request does; a
            // producer that stopped because the request ended (the service refused it) explains nothing.
            if let pulling = await producer.value, !(pulling is CancellationError) { throw pulling }
            throw error
        }
    }

    public func remoteSource(_ query: RemoteSourceQuery) async throws -> RemoteSourceOverview {
        try await get("remote-sources", [("dataset", query.dataset), ("kind", query.kind.rawValue), ("url", query.url)])
    }

    public func cataloguedInstances(dataset: String, among sopInstanceUIDs: [String]) async throws -> Set<String> {
        let answer: CataloguedInstances = try await post(
            "instances/catalogued", CataloguedInstances(dataset: dataset, sopInstanceUIDs: sopInstanceUIDs))
        return Set(answer.sopInstanceUIDs)
    }
}
