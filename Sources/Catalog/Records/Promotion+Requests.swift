import Foundation
import GRDB

extension CatalogTransaction {
    /// The promotion with row id `id`, if any.
    public func promotion(id: Int64) throws -> Promotion? {
        try Promotion.fetchOne(db, key: id)
    }

    /// The oldest promotion of version `versionId` into `zone` whose state is one of `states` (the states
    /// that hold a version and zone: one such promotion at most, which a partial unique index backs).
    public func promotion(versionId: Int64, zone: String, inStates states: [PromotionState]) throws -> Promotion? {
        try Promotion.filter(
            Promotion.Columns.sourceVersionId == versionId && Promotion.Columns.targetZone == zone
                && states.map(\.rawValue).contains(Promotion.Columns.state)
        ).order(Promotion.Columns.id).fetchOne(db)
    }

    /// `DATASET@N` of the promotion's source version; nil when its version row is gone.
    public func sourceReference(of promotion: Promotion) throws -> String? {
        let row = try Row.fetchOne(
            db,
            sql: "SELECT d.name, v.number FROM datasetVersion v JOIN dataset d ON d.id = v.datasetId WHERE v.id = ?",
            arguments: [promotion.sourceVersionId])
        return row.map { "\($0[0] as String)@\($0[1] as Int)" }
    }
}

extension CatalogTransaction {
    /// Every promotion, newest first, optionally only those in state `state`.
    public func promotions(state: PromotionState?) throws -> [Promotion] {
        var request = Promotion.order(Promotion.Columns.id.desc)
        if let state { request = request.filter(Promotion.Columns.state == state.rawValue) }
        return try request.fetchAll(db)
    }
}
