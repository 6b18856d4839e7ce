import Catalog

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
        try catalog.write { tx in
            let legacy = try tx.legacyPatientPseudonyms()
            guard !legacy.isEmpty else { return }
            for study in legacy {
                try tx.setPatientPseudonym(pseudonymizer.pseudonym(forLegacy: study.pseudonym), studyId: study.id)
            }
            try appendAudit(
                tx, roleName: actorRoles.min()?.rawValue ?? "none", action: "catalog.pseudonyms.rekeyed",
                target: "study", details: ["studies": String(legacy.count)])
        }
    }
}
