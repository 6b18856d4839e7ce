/// The requests the lake service runs for a worker on another host, which never reads the catalog itself:
/// the next items to hand out, and one item with its object to check a report against.
extension CatalogTransaction {
    /// Up to `limit` items of job `jobId` still to move, by id, each with its object (nil when the row is
    /// gone): `pending` ones, and `publishing` ones a holder that stopped copied but never got switched.
    /// A job's holder fetches its next items only once the last ones are reported, so every `publishing`
    /// item it is handed was left by an earlier holder; copying it again rewrites the same digest.
    ///
    /// Run in a write transaction that hands the items out: on PostgreSQL the item rows are taken
    /// `FOR UPDATE SKIP LOCKED`, so two lake services answering at once never hand out the same item.
    public func itemsToMove(jobId: Int64, limit: Int) throws -> [(item: MigrationItem, object: CatalogObject?)] {
        let items = try connection.fetchAll(
            MigrationItem.self,
            """
            SELECT * FROM migrationItem WHERE jobId = ? AND state IN ('pending', 'publishing')
            ORDER BY id LIMIT ?\(connection.dialect.claimingRows)
            """, [jobId, limit])
        let objects = try self.objects(ids: Set(items.map(\.objectId)))
        let byId = Dictionary(objects.compactMap { object in object.id.map { ($0, object) } }) { first, _ in first }
        return items.map { ($0, byId[$0.objectId]) }
    }

    /// Item `id` of job `jobId` with its object; nil when the item is not the job's or its object is gone.
    public func migrationItem(id: Int64, jobId: Int64) throws -> (item: MigrationItem, object: CatalogObject)? {
        guard
            let item = try connection.fetchOne(
                MigrationItem.self, "SELECT * FROM migrationItem WHERE id = ? AND jobId = ?", [id, jobId]),
            let object = try self.object(id: item.objectId)
        else { return nil }
        return (item, object)
    }
}
