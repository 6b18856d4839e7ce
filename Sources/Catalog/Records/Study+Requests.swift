import GRDB

extension CatalogTransaction {
    /// Ids and pseudonyms of the studies whose patient pseudonym has the unkeyed form of catalogs made
    /// before keyed pseudonyms: `P-` and 12 hexadecimal digits (keyed ones carry 16).
    public func legacyPatientPseudonyms() throws -> [(id: Int64, pseudonym: String)] {
        let rows = try Row.fetchAll(
            db,
            sql: "SELECT id, patientPseudonym FROM study WHERE patientPseudonym GLOB 'P-' || ? ORDER BY id",
            arguments: [String(repeating: "[0-9a-f]", count: 12)])
        return rows.map { ($0["id"], $0["patientPseudonym"]) }
    }

    /// Replaces the patient pseudonym of study `id`.
    public func setPatientPseudonym(_ pseudonym: String, studyId id: Int64) throws {
        try Study.filter(Study.Columns.id == id).updateAll(db, Study.Columns.patientPseudonym.set(to: pseudonym))
    }
}
