import GRDB

extension CatalogTransaction {
    /// The decision `approver` recorded on promotion `promotionId`, if any (one per approver).
    public func approval(promotionId: Int64, approver: String) throws -> PromotionApproval? {
        try PromotionApproval.filter(
            PromotionApproval.Columns.promotionId == promotionId && PromotionApproval.Columns.approver == approver
        ).fetchOne(db)
    }

    /// The decisions recorded on promotion `promotionId`, oldest first.
    public func approvals(promotionId: Int64) throws -> [PromotionApproval] {
        try PromotionApproval.filter(PromotionApproval.Columns.promotionId == promotionId)
            .order(PromotionApproval.Columns.id).fetchAll(db)
    }

    /// How many distinct people approved promotion `promotionId`.
    public func approverCount(promotionId: Int64) throws -> Int {
        try Int.fetchOne(
            db,
            sql: "SELECT COUNT(DISTINCT approver) FROM promotionApproval WHERE promotionId = ? AND decision = ?",
            arguments: [promotionId, Decision.approve.rawValue]) ?? 0
    }
}
