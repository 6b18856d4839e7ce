extension CatalogTransaction {
    /// The promotion with row id `id`, if any.
    public func promotion(id: Int64) throws -> Promotion? {
        try connection.fetchOne(Promotion.self, "SELECT * FROM promotion WHERE id = ?", [id])
    }

    /// The oldest promotion of version `versionId` into `zone` whose state is one of `states` (the states
    /// that hold a version and zone: one such promotion at most, which a partial unique index backs).
    public func promotion(versionId: Int64, zone: String, inStates states: [PromotionState]) throws -> Promotion? {
        guard !states.isEmpty else { return nil }
        return try connection.fetchOne(
            Promotion.self,
            """
            SELECT * FROM promotion WHERE sourceVersionId = ? AND targetZone = ? AND state IN (\(placeholders(states.count)))
            ORDER BY id LIMIT 1
            """,
            [versionId, zone] + states.map(\.rawValue))
    }

    /// `DATASET@N` of the promotion's source version; nil when its version row is gone.
    public func sourceReference(of promotion: Promotion) throws -> String? {
        try versionReference(id: promotion.sourceVersionId)
    }
}

extension CatalogTransaction {
    /// Every promotion, newest first, optionally only those in state `state`.
    public func promotions(state: PromotionState?) throws -> [Promotion] {
        guard let state else {
            return try connection.fetchAll(Promotion.self, "SELECT * FROM promotion ORDER BY id DESC")
        }
        return try connection.fetchAll(
            Promotion.self, "SELECT * FROM promotion WHERE state = ? ORDER BY id DESC", [state.rawValue])
    }
}
