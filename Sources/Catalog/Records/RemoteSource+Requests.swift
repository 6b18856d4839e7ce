import GRDB

extension CatalogTransaction {
    /// The dataset's row for the server of kind `kind` at `url`, if a pull from it started.
    public func remoteSource(datasetId: Int64, kind: RemoteSource.Kind, url: String) throws -> RemoteSource? {
        try RemoteSource.filter(
            RemoteSource.Columns.datasetId == datasetId && RemoteSource.Columns.kind == kind.rawValue
                && RemoteSource.Columns.url == url
        ).fetchOne(db)
    }
}
