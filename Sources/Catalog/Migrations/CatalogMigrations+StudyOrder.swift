import GRDB

extension CatalogMigrations {
    // MARK: - v8-listing-sql-studyOrder

    /// Lets both engines read a page of a dataset's studies in their default order (date, studies without
    /// one first, then UID) from an index, so a deep page of a large dataset needs no sort of all its studies.
    static func orderStudyListings(_ db: Database) throws {
        try db.create(
            index: "study_on_datasetId_studyDate", on: "study", columns: ["datasetId", "studyDate", "studyInstanceUID"])
    }
}

extension CatalogMigrations.PostgreSQL {
    /// `v8-listing-sql-studyOrder`: NULLs first, as SQLite's index orders them and the listing asks.
    static let studyOrder = """
        CREATE INDEX study_on_datasetId_studyDate ON study (datasetId, studyDate NULLS FIRST, studyInstanceUID);
        """
}
