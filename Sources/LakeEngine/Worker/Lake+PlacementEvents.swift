import Catalog

extension Lake {
    /// Appends one `object.placement` event per source tier of a switched batch, naming the job, the
    /// worker, both tiers, the count and bytes, and every object moved (their SHA-256s, space-separated,
    /// in `objects`): the audit log answers which job moved which object from where to where, at the cost
    /// of one chained event per batch rather than one per object. `moved` carries the objects as they
    /// were before the switch (their `tier` is the source).
    func appendPlacementEvents(
        _ tx: CatalogTransaction, role: Role, jobId: Int64, toTier: String, worker: String, moved: [CatalogObject]
    ) throws {
        for (from, objects) in Dictionary(grouping: moved, by: \.tier).sorted(by: { $0.key < $1.key }) {
            try appendAudit(
                tx, role: role, action: "object.placement", target: "job \(jobId)",
                details: [
                    "job": String(jobId), "worker": worker, "from": from, "to": toTier, "count": String(objects.count),
                    "bytes": String(objects.reduce(0) { $0 + $1.size }),
                    "objects": objects.map(\.sha256).joined(separator: " "),
                ])
        }
    }
}
