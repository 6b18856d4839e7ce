import GRDB

extension CatalogTransaction {
    /// The newest `limit` events about any of `targets`, oldest first.
    public func auditHistory(targets: [String], limit: Int) throws -> [AuditEvent] {
        try AuditEvent.filter(targets.contains(AuditEvent.Columns.target))
            .order(AuditEvent.Columns.seq.desc).limit(limit).fetchAll(db).reversed()
    }
}
