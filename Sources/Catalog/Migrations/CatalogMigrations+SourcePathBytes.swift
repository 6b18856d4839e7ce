import GRDB

extension CatalogMigrations {
    // MARK: - v4

    /// The exact bytes of a source path that is not UTF-8 (`datasetFile.pathBytes`, NULL for every UTF-8
    /// path). `datasetFile.path` then holds its readable form, with each byte of an invalid sequence written
    /// `\xHH`; the bytes keep the name lossless, since a UTF-8 name may be spelled with a literal `\xHH`.
    static func addSourcePathBytes(_ db: Database) throws {
        try db.alter(table: "datasetFile") { t in
            t.add(column: "pathBytes", .blob)
        }
    }
}
