extension CatalogTransaction {
    /// The decision `approver` recorded on promotion `promotionId`, if any (one per approver).
    public func approval(promotionId: Int64, approver: String) throws -> PromotionApproval? {
        try connection.fetchOne(
            PromotionApproval.self, "SELECT * FROM promotionApproval WHERE promotionId = ? AND approver = ?",
            [promotionId, approver])
    }

    /// The decisions recorded on promotion `promotionId`, oldest first.
    public func approvals(promotionId: Int64) throws -> [PromotionApproval] {
        try connection.fetchAll(
            PromotionApproval.self, "SELECT * FROM promotionApproval WHERE promotionId = ? ORDER BY id", [promotionId])
    }

    /// How many distinct people approved promotion `promotionId`.
    public func approverCount(promotionId: Int64) throws -> Int {
        try connection.fetchValue(
            Int.self, "SELECT COUNT(DISTINCT approver) FROM promotionApproval WHERE promotionId = ? AND decision = ?",
            [promotionId, Decision.approve.rawValue]) ?? 0
    }
}
