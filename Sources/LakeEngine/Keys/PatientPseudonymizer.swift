import Storage

/// Makes the catalog's patient pseudonyms: `P-` and 16 hexadecimal digits of an HMAC-SHA256 under the
/// lake's pseudonym key, so nobody without the key can go from a pseudonym back to a Patient ID by trying
/// candidate IDs (a medical record number space is small).
///
/// The MAC is taken over the unkeyed pseudonym of catalogs made before keyed pseudonyms (`P-` and the
/// first 12 hexadecimal digits of the ID's SHA-256), not over the ID itself. That lets an older catalog
/// be re-keyed from its own rows, without re-reading any object (``Lake/rekeyLegacyPseudonyms()``), and
/// a study ingested after the re-keying gets the same pseudonym as an older study of the same patient.
/// The unkeyed form never leaves this type.
struct PatientPseudonymizer: Sendable {
    let key: KeyedHasher

    /// The pseudonym of the patient with DICOM Patient ID `patientID`.
    func pseudonym(forPatientID patientID: String) -> String {
        pseudonym(forLegacy: Self.legacyPseudonym(forPatientID: patientID))
    }

    /// The keyed pseudonym standing for an unkeyed one found in an older catalog.
    func pseudonym(forLegacy legacy: String) -> String {
        "P-" + String(key.macHex(of: Array(("patient:" + legacy).utf8)).prefix(16))
    }

    /// The unkeyed form of catalogs made before keyed pseudonyms: anyone could recompute it.
    static func legacyPseudonym(forPatientID patientID: String) -> String {
        "P-" + ContentHasher.digest(of: Array(patientID.utf8)).hex.prefix(12)
    }
}
