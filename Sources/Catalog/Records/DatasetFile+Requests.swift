import GRDB

extension CatalogTransaction {
    /// How many files the dataset's draft holds.
    public func fileCount(datasetId: Int64) throws -> Int {
        try DatasetFile.filter(DatasetFile.Columns.datasetId == datasetId).fetchCount(db)
    }
}
