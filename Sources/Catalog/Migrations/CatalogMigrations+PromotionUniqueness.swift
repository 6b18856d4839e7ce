import Foundation
import GRDB

extension CatalogMigrations {
    // MARK: - v4-promotion-onePerVersionAndZone

    /// At most one live promotion (`pending` or `approved`) per source version and target zone, enforced
    /// by a partial unique index so two processes requesting at once cannot both insert one.
    ///
    /// Why the index covers the live states only: lakes made before this migration may already hold
    /// several promotions of one version into one zone. Those that `executed` published versions that
    /// are now history (manifests, lineage, audit point at them) and cannot be undone, so an index over
    /// `executed` rows could not be built on such a lake. The engine refuses a request while an
    /// executed promotion exists; it checks inside the same write transaction that inserts, and SQLite
    /// runs one writer at a time, so that check is race-free without the index.
    ///
    /// Live duplicates are resolved before the index is built: per version and zone, the promotion that
    /// went furthest (`approved` before `pending`, then the oldest) stays live, unless one already
    /// executed, in which case none does. The others become `rejected`, with an error naming the
    /// promotion that supersedes them, so nothing is deleted and the history stays readable.
    static func enforceOnePromotionPerVersionAndZone(_ db: Database) throws {
        let now = Date()
        // Live rows that an executed promotion of the same version and zone already superseded.
        try db.execute(
            sql: """
                UPDATE promotion
                SET state = 'rejected', updatedAt = ?,
                    error = 'superseded by executed promotion ' || (
                        SELECT MIN(e.id) FROM promotion e
                        WHERE e.sourceVersionId = promotion.sourceVersionId AND e.targetZone = promotion.targetZone
                            AND e.state = 'executed')
                        || ' (catalog migration v4-promotion-onePerVersionAndZone)'
                WHERE state IN ('pending', 'approved') AND EXISTS (
                    SELECT 1 FROM promotion e
                    WHERE e.sourceVersionId = promotion.sourceVersionId AND e.targetZone = promotion.targetZone
                        AND e.state = 'executed')
                """,
            arguments: [now])
        // Of the remaining live rows, the one kept per version and zone: approved first, then the oldest.
        try db.execute(
            sql: """
                UPDATE promotion
                SET state = 'rejected', updatedAt = ?,
                    error = 'superseded by promotion ' || (
                        SELECT k.id FROM promotion k
                        WHERE k.sourceVersionId = promotion.sourceVersionId AND k.targetZone = promotion.targetZone
                            AND k.state IN ('pending', 'approved')
                        ORDER BY k.state = 'approved' DESC, k.id LIMIT 1)
                        || ' (catalog migration v4-promotion-onePerVersionAndZone)'
                WHERE state IN ('pending', 'approved') AND id <> (
                    SELECT k.id FROM promotion k
                    WHERE k.sourceVersionId = promotion.sourceVersionId AND k.targetZone = promotion.targetZone
                        AND k.state IN ('pending', 'approved')
                    ORDER BY k.state = 'approved' DESC, k.id LIMIT 1)
                """,
            arguments: [now])
        try db.execute(
            sql: """
                CREATE UNIQUE INDEX promotion_live_on_sourceVersionId_targetZone
                ON promotion (sourceVersionId, targetZone) WHERE state IN ('pending', 'approved')
                """)
    }
}
