import GRDB

extension Study {
    /// Ids and pseudonyms of the studies whose patient pseudonym has the unkeyed form of catalogs made
    /// before keyed pseudonyms: `P-` and 12 hexadecimal digits (keyed ones carry 16).
    public static func legacyPseudonyms(_ db: Database) throws -> [(id: Int64, pseudonym: String)] {
        let rows = try Row.fetchAll(
            db,
            sql: "SELECT id, patientPseudonym FROM study WHERE patientPseudonym GLOB 'P-' || ? ORDER BY id",
            arguments: [String(repeating: "[0-9a-f]", count: 12)])
        return rows.map { ($0["id"], $0["patientPseudonym"]) }
    }

    /// Replaces the patient pseudonym of study `id`.
    public static func setPseudonym(_ pseudonym: String, id: Int64, _ db: Database) throws {
        try filter(Columns.id == id).updateAll(db, Columns.patientPseudonym.set(to: pseudonym))
    }
}
