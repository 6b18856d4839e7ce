import Catalog
import GRDB

extension Lake {
    /// The newest `count` audit events matching `filter`, newest first: what a live tail shows.
    ///
    /// ``auditEvents(_:)`` returns the oldest first and its limit keeps the oldest; a tail needs the
    /// other end without reading the whole log. `filter.limit` is ignored in favour of `count`.
    public func auditTail(_ filter: AuditFilter, count: Int) throws -> [AuditEvent] {
        try authorize(.read)
        return try catalog.reader.read { db in
            var request = AuditEvent.order(AuditEvent.Columns.seq.desc)
            if let actor = filter.actor { request = request.filter(AuditEvent.Columns.actor == actor) }
            if let action = filter.action {
                request = action.hasSuffix(".")
                    ? request.filter(AuditEvent.Columns.action.like(action + "%"))
                    : request.filter(AuditEvent.Columns.action == action)
            }
            if let since = filter.since {
                request = request.filter(AuditEvent.Columns.time >= Int64(since.timeIntervalSince1970 * 1000))
            }
            return try request.limit(max(0, count)).fetchAll(db)
        }
    }
}
