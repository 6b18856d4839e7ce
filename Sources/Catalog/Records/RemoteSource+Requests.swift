extension CatalogTransaction {
    /// The dataset's row for the server of kind `kind` at `url`, if a pull from it started.
    public func remoteSource(datasetId: Int64, kind: RemoteSource.Kind, url: String) throws -> RemoteSource? {
        try connection.fetchOne(
            RemoteSource.self, "SELECT * FROM remoteSource WHERE datasetId = ? AND kind = ? AND url = ?",
            [datasetId, kind.rawValue, url])
    }
}
