extension CatalogTransaction {
    /// The dataset called `name`, if any: the one lookup by name every service uses.
    public func dataset(named name: String) throws -> Dataset? {
        try connection.fetchOne(Dataset.self, "SELECT * FROM dataset WHERE name = ?", [name])
    }

    /// The dataset with row id `id`, if any.
    public func dataset(id: Int64) throws -> Dataset? {
        try connection.fetchOne(Dataset.self, "SELECT * FROM dataset WHERE id = ?", [id])
    }

    /// The name of the dataset with row id `id`, if any, without reading the rest of its row.
    public func datasetName(id: Int64) throws -> String? {
        try connection.fetchValue(String.self, "SELECT name FROM dataset WHERE id = ?", [id])
    }

    /// Every dataset, in row order.
    public func datasets() throws -> [Dataset] {
        try connection.fetchAll(Dataset.self, "SELECT * FROM dataset ORDER BY id")
    }

    /// The datasets with the given row ids (those that exist), in row order.
    public func datasets(ids: some Collection<Int64>) throws -> [Dataset] {
        guard !ids.isEmpty else { return [] }
        return try connection.fetchAll(
            Dataset.self, "SELECT * FROM dataset WHERE id IN (\(placeholders(ids.count))) ORDER BY id", Array(ids))
    }
}

extension CatalogTransaction {
    /// Deletes the dataset with row id `id`; rows that name it (its draft version, a server's cursor) go
    /// with it by their foreign keys.
    public func deleteDataset(id: Int64) throws {
        try connection.execute("DELETE FROM dataset WHERE id = ?", [id], cached: false)
    }

    /// Recomputes the dataset's modality and assay summary from its series and samples, each sorted and
    /// joined with commas.
    public func refreshSummary(datasetId: Int64) throws {
        let dialect = connection.dialect
        try connection.execute(
            """
            UPDATE dataset SET
              modalities = COALESCE((SELECT \(dialect.groupConcat("m", separator: ",", orderedBy: "m")) FROM (
                SELECT DISTINCT modality AS m FROM series WHERE datasetId = ?1 AND modality <> '' ORDER BY m) AS ms), ''),
              assays = COALESCE((SELECT \(dialect.groupConcat("a", separator: ",", orderedBy: "a")) FROM (
                SELECT DISTINCT assay AS a FROM sample WHERE datasetId = ?1 AND assay IS NOT NULL ORDER BY a) AS sa), '')
            WHERE id = ?1
            """,
            [datasetId], cached: false)
    }
}
