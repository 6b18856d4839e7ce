import Foundation

extension CatalogTransaction {
    /// The object with SHA-256 `sha256` (lowercase hex), whatever its state.
    public func object(sha256: String) throws -> CatalogObject? {
        try connection.fetchOne(CatalogObject.self, "SELECT * FROM object WHERE sha256 = ?", [sha256])
    }

    /// The object with row id `id`, if any.
    public func object(id: Int64) throws -> CatalogObject? {
        try connection.fetchOne(CatalogObject.self, "SELECT * FROM object WHERE id = ?", [id])
    }

    /// Moves the last-access time of each object forward to the time given (never backwards).
    public func recordAccesses(_ accesses: [Int64: Date]) throws {
        for (id, time) in accesses {
            try connection.execute(
                "UPDATE object SET lastAccess = ? WHERE id = ? AND (lastAccess IS NULL OR lastAccess < ?)",
                [time, id, time], cached: true)
        }
    }

    /// The object of instance `sopInstanceUID` in the dataset with row id `datasetId`, if any.
    public func object(datasetId: Int64, sopInstanceUID: String) throws -> CatalogObject? {
        try connection.fetchOne(
            CatalogObject.self,
            """
            SELECT o.* FROM object o JOIN instance i ON i.objectId = o.id JOIN series s ON s.id = i.seriesId
            WHERE s.datasetId = ? AND i.sopInstanceUID = ? LIMIT 1
            """,
            [datasetId, sopInstanceUID])
    }

    /// The objects with the given row ids, by hash.
    public func objects(ids: some Collection<Int64>) throws -> [CatalogObject] {
        guard !ids.isEmpty else { return [] }
        return try connection.fetchAll(
            CatalogObject.self, "SELECT * FROM object WHERE id IN (\(placeholders(ids.count))) ORDER BY sha256",
            Array(ids))
    }

    /// The names of the datasets holding the object with SHA-256 `sha256`, each once, by name.
    public func datasetNames(holdingObject sha256: String) throws -> [String] {
        try connection.fetchValues(
            String.self,
            """
            SELECT DISTINCT d.name FROM datasetFile f JOIN dataset d ON d.id = f.datasetId
            JOIN object o ON o.id = f.objectId WHERE o.sha256 = ? ORDER BY d.name
            """,
            [sha256])
    }
}

extension CatalogTransaction {
    /// The SHA-256s among `sha256s` that have an object not deleted, i.e. a placement in some tier; asked in
    /// chunks of 500 so a batch of any size stays under either engine's limit on bound parameters.
    public func placedObjects(sha256s: [String]) throws -> Set<String> {
        var placed: Set<String> = []
        for start in stride(from: 0, to: sha256s.count, by: 500) {
            let chunk = sha256s[start..<min(start + 500, sha256s.count)]
            placed.formUnion(
                try connection.fetchValues(
                    String.self,
                    "SELECT sha256 FROM object WHERE sha256 IN (\(placeholders(chunk.count))) AND state <> 'deleted'",
                    Array(chunk)))
        }
        return placed
    }
}
