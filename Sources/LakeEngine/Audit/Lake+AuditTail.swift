import Catalog

extension Lake {
    /// The newest `count` audit events matching `filter`, newest first: what a live tail shows.
    ///
    /// ``auditEvents(_:)`` returns the oldest first and its limit keeps the oldest; a tail needs the
    /// other end without reading the whole log. `filter.limit` is ignored in favour of `count`. Events about
    /// a restricted dataset the actor may not read are withheld as in ``auditEvents(_:)``.
    public func auditTail(_ filter: AuditFilter, count: Int) throws -> [AuditEvent] {
        try authorize(.read)
        let events = try catalog.read { tx in
            try Self.auditEvents(filter, newestFirst: true, limit: max(0, count), tx)
        }
        return try withholdingRestricted(events)
    }
}
