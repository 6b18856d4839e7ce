import GRDB

/// The requests the lake service runs for a worker on another host, which never reads the catalog itself:
/// the next items to hand out, and one item with its object to check a report against.
extension CatalogTransaction {
    /// Up to `limit` items of job `jobId` still to move, by id, each with its object (nil when the row is
    /// gone): `pending` ones, and `publishing` ones a holder that stopped copied but never got switched.
    /// A job's holder fetches its next items only once the last ones are reported, so every `publishing`
    /// item it is handed was left by an earlier holder; copying it again rewrites the same digest.
    public func itemsToMove(jobId: Int64, limit: Int) throws -> [(item: MigrationItem, object: CatalogObject?)] {
        let states = [MigrationItem.State.pending, .publishing].map(\.rawValue)
        let items = try MigrationItem.filter(
            MigrationItem.Columns.jobId == jobId && states.contains(MigrationItem.Columns.state)
        ).order(MigrationItem.Columns.id).limit(limit).fetchAll(db)
        return try items.map { item in (item, try CatalogObject.fetchOne(db, key: item.objectId)) }
    }

    /// Item `id` of job `jobId` with its object; nil when the item is not the job's or its object is gone.
    public func migrationItem(id: Int64, jobId: Int64) throws -> (item: MigrationItem, object: CatalogObject)? {
        guard let item = try MigrationItem.fetchOne(db, key: id), item.jobId == jobId,
            let object = try CatalogObject.fetchOne(db, key: item.objectId)
        else { return nil }
        return (item, object)
    }
}
