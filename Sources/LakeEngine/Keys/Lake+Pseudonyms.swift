import Catalog
import GRDB

extension Lake {
    /// The catalog's patient pseudonyms under this lake's pseudonym key.
    func patientPseudonymizer() throws -> PatientPseudonymizer {
        PatientPseudonymizer(key: try key(.pseudonym))
    }

    /// Replaces every unkeyed patient pseudonym of a catalog made before keyed pseudonyms by its keyed
    /// form, in one transaction with a `catalog.pseudonyms.rekeyed` event naming how many studies changed.
    ///
    /// Runs when the lake's owner opens it and creates its pseudonym key (``adoptKeys()``). Studies keep
    /// linking to the same patients (see ``PatientPseudonymizer``). Version manifests never held patient
    /// pseudonyms, so nothing else changes.
    func rekeyLegacyPseudonyms() throws {
        let pseudonymizer = try patientPseudonymizer()
        try catalog.pool.write { db in
            let legacy = try Study.legacyPseudonyms(db)
            guard !legacy.isEmpty else { return }
            for study in legacy {
                try Study.setPseudonym(pseudonymizer.pseudonym(forLegacy: study.pseudonym), id: study.id, db)
            }
            try appendAudit(
                db, roleName: actorRoles.min()?.rawValue ?? "none", action: "catalog.pseudonyms.rekeyed",
                target: "study", details: ["studies": String(legacy.count)])
        }
    }
}
