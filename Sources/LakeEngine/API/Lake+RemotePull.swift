import Catalog
import Foundation

extension Lake {
    /// Pulls in this process: ``ingest(fromOrthanc:dataset:since:credentials:options:progress:)`` or
    /// ``ingest(fromDICOMweb:dataset:credentials:options:progress:)``.
    public func pull(
        _ pull: RemotePull, credentials: RemoteCredentials?, progress: (@Sendable (IngestProgress) -> Void)?
    ) async throws -> IngestReport {
        let options = RemoteIngestOptions(ingest: IngestOptions(keepUnknown: pull.keepUnknown, batchSize: 200))
        switch pull.kind {
        case .orthanc:
            return try await ingest(
                fromOrthanc: pull.url, dataset: pull.dataset, since: pull.since, credentials: credentials,
                options: options, progress: progress)
        case .dicomweb:
            return try await ingest(
                fromDICOMweb: pull.url, dataset: pull.dataset, credentials: credentials, options: options,
                progress: progress)
        }
    }

    /// The dataset's cursor for the server (zero when it was never pulled from it), for callers allowed
    /// to ingest: a client pulling through the service starts after it.
    public func remoteSource(_ query: RemoteSourceQuery) throws -> RemoteSourceOverview {
        try authorize(.ingest)
        let url = RemoteSourceQuery.normalized(query.url)
        let found = try catalog.read { tx -> RemoteSource? in
            guard let id = try tx.dataset(named: query.dataset)?.id else { return nil }
            return try tx.remoteSource(datasetId: id, kind: query.kind.record, url: url)
        }
        return RemoteSourceOverview(
            dataset: query.dataset, kind: query.kind, url: url, cursor: found?.cursor ?? 0,
            instancesIngested: found?.instancesIngested ?? 0, updatedAt: found?.updatedAt)
    }
}

extension Lake {
    /// How many SOP Instance UIDs one ``cataloguedInstances(dataset:among:)`` call may ask about.
    public static let cataloguedInstancesLimit = 1000

    /// Those of `sopInstanceUIDs` the dataset catalogs (none for a dataset that does not exist yet), for
    /// callers allowed to ingest: a client pulling from DICOMweb through the service asks before each
    /// batch, as an in-process pull skips instances the dataset holds.
    /// - Throws: ``LakeError/invalidArgument(_:)`` for more than ``cataloguedInstancesLimit`` UIDs.
    public func cataloguedInstances(dataset name: String, among sopInstanceUIDs: [String]) throws -> Set<String> {
        try authorize(.ingest)
        guard sopInstanceUIDs.count <= Self.cataloguedInstancesLimit else {
            throw LakeError.invalidArgument(
                "Please ask about at most \(Self.cataloguedInstancesLimit) SOP Instance UIDs at once (\(sopInstanceUIDs.count) given).")
        }
        return try catalog.read { tx in
            guard let id = try tx.dataset(named: name)?.id else { return [] }
            return try tx.cataloguedSOPInstanceUIDs(datasetId: id, among: sopInstanceUIDs)
        }
    }
}

extension RemoteSourceQuery {
    /// `url` as pulls record it: without trailing slashes (``DICOMServerClient`` strips them too).
    static func normalized(_ url: String) -> String {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}
