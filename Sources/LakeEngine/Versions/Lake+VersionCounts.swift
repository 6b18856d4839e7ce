import Catalog
import GRDB

extension Lake {
    /// Published versions per zone (`raw`, `curated`, `training`): a promoted version lives in its
    /// target zone while its dataset keeps the zone it was created in, so this is how full each zone is.
    public func publishedVersionCounts() throws -> [String: Int] {
        try authorize(.read)
        return try catalog.reader.read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT zone, COUNT(*) AS versions FROM versionManifest GROUP BY zone") {
                counts[row["zone"]] = row["versions"]
            }
            return counts
        }
    }
}
