import Catalog
import Foundation

/// The DICOM server an upload was pulled from (`POST /v1/ingest?source=KIND&sourceURL=URL`): the
/// dataset's ``RemoteSource`` row for it records the cursor each batch commits.
public struct RemoteSourceName: Sendable, Hashable {
    public var kind: RemoteSourceKind
    /// The base URL, as the client reached it (without credentials or trailing slashes).
    public var url: String
    /// The dataset pulled into; set by ``Lake/uploadIngest(dataset:options:source:)``.
    var dataset = ""

    /// - Throws: ``LakeError/invalidArgument(_:)`` for a URL that is not `http(s)://HOST…`, or one carrying
    ///   credentials (the service records it, so a secret in it would be stored).
    public init(kind: RemoteSourceKind, url: String) throws {
        let trimmed = RemoteSourceQuery.normalized(url)
        guard let parsed = URL(string: trimmed), let scheme = parsed.scheme?.lowercased(), ["http", "https"].contains(scheme),
            parsed.host != nil, parsed.user == nil, parsed.password == nil
        else {
            throw LakeError.invalidArgument("The source URL must be http(s)://HOST… without credentials.")
        }
        self.kind = kind
        self.url = trimmed
    }

    func named(dataset: String) -> RemoteSourceName {
        var copy = self
        copy.dataset = dataset
        return copy
    }

    /// Moves the dataset's row for this server to `cursor`, adding `instances`, inside `tx` (the batch's
    /// transaction, after its dataset was found or created); creates the row on first use.
    func advance(to cursor: Int64, instances: Int64, _ tx: CatalogTransaction) throws {
        guard let datasetId = try tx.dataset(named: dataset)?.id else {
            throw LakeError.notFound(kind: "dataset", id: dataset)
        }
        var row = try tx.remoteSource(datasetId: datasetId, kind: kind.record, url: url)
            ?? RemoteSource(datasetId: datasetId, kind: kind.record, url: url, updatedAt: Date())
        row.cursor = cursor
        row.instancesIngested += instances
        row.updatedAt = Date()
        if row.id == nil {
            try tx.insert(&row)
        } else {
            try tx.update(row)
        }
    }
}
