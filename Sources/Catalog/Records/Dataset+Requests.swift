import GRDB

extension CatalogTransaction {
    /// The dataset called `name`, if any: the one lookup by name every service uses.
    public func dataset(named name: String) throws -> Dataset? {
        try Dataset.filter(Dataset.Columns.name == name).fetchOne(db)
    }

    /// The dataset with row id `id`, if any.
    public func dataset(id: Int64) throws -> Dataset? {
        try Dataset.fetchOne(db, key: id)
    }

    /// The name of the dataset with row id `id`, if any, without reading the rest of its row.
    public func datasetName(id: Int64) throws -> String? {
        try String.fetchOne(db, sql: "SELECT name FROM dataset WHERE id = ?", arguments: [id])
    }

    /// Every dataset, in row order.
    public func datasets() throws -> [Dataset] {
        try Dataset.fetchAll(db)
    }

    /// The datasets with the given row ids (those that exist), in row order.
    public func datasets(ids: some Collection<Int64>) throws -> [Dataset] {
        try Dataset.filter(keys: ids).fetchAll(db)
    }
}

extension CatalogTransaction {
    /// Deletes the dataset with row id `id`; rows that name it (its draft version, a server's cursor) go
    /// with it by their foreign keys.
    public func deleteDataset(id: Int64) throws {
        try db.execute(sql: "DELETE FROM dataset WHERE id = ?", arguments: [id])
    }

    /// Recomputes the dataset's modality and assay summary from its series and samples.
    public func refreshSummary(datasetId: Int64) throws {
        try db.execute(
            sql: """
                UPDATE dataset SET
                  modalities = IFNULL((SELECT GROUP_CONCAT(m, ',') FROM (SELECT DISTINCT modality AS m FROM series
                    WHERE datasetId = ?1 AND modality <> '' ORDER BY m)), ''),
                  assays = IFNULL((SELECT GROUP_CONCAT(a, ',') FROM (SELECT DISTINCT assay AS a FROM sample
                    WHERE datasetId = ?1 AND assay IS NOT NULL ORDER BY a)), '')
                WHERE id = ?1
                """,
            arguments: [datasetId])
    }
}
