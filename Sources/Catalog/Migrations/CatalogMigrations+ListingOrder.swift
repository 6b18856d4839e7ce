import GRDB

extension CatalogMigrations {
    // MARK: - v7-pg-queries-listingOrder

    /// Lets PostgreSQL read a dataset's series in row id order from an index, as SQLite already does.
    ///
    /// The series listing and the slice geometry ingest reads list a dataset's series by row id. SQLite's
    /// `series_on_datasetId` index holds `(datasetId, rowid)`, so it yields that order with no sort, and this
    /// step has nothing to do there. A PostgreSQL index on `(datasetId)` orders equal keys by where the row
    /// sits on disk, which an update moves (`instanceCount` grows with every ingest), so PostgreSQL gets the
    /// row id as an index column.
    static func orderSeriesListings(_ db: Database) throws {}
}

extension CatalogMigrations.PostgreSQL {
    /// `v7-pg-queries-listingOrder`.
    static let listingOrder = """
        CREATE INDEX series_on_datasetId_id ON series (datasetId, id);
        """
}
