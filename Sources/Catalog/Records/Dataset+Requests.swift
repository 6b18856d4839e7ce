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
