extension CatalogTransaction {
    /// Ids and pseudonyms of the studies whose patient pseudonym has the unkeyed form of catalogs made
    /// before keyed pseudonyms: `P-` and 12 lowercase hexadecimal digits (keyed ones carry 16).
    public func legacyPatientPseudonyms() throws -> [(id: Int64, pseudonym: String)] {
        let legacy = connection.dialect.glob("patientPseudonym", "P-" + String(repeating: "[0-9a-f]", count: 12))
        var studies: [(id: Int64, pseudonym: String)] = []
        try connection.visitRows(
            "SELECT id, patientPseudonym FROM study WHERE \(legacy.sql) ORDER BY id", [legacy.argument], cached: false
        ) { row in
            studies.append((row["id"], row["patientPseudonym"]))
            return true
        }
        return studies
    }

    /// Replaces the patient pseudonym of study `id`.
    public func setPatientPseudonym(_ pseudonym: String, studyId id: Int64) throws {
        try connection.execute("UPDATE study SET patientPseudonym = ? WHERE id = ?", [pseudonym, id], cached: false)
    }
}
