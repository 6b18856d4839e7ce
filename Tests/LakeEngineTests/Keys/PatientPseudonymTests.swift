import Catalog
import DICOM
import Foundation
import Storage
import Testing

@testable import LakeEngine

/// Catalog patient pseudonyms are keyed: an attacker who reads the catalog and tries every medical
/// record number of a small space recovers nothing, where the unkeyed form of older catalogs gave the
/// ID back at once.
@Suite struct PatientPseudonymTests {
    /// The space the attacker enumerates: `MRN0000` … `MRN9999`.
    static let candidates = (0..<10_000).map { String(format: "MRN%04d", $0) }
    static let patientID = "MRN4821"

    /// A lake holding one CT study of patient ``patientID``.
    private func lakeWithPatient() throws -> TemporaryLake {
        let lake = try TemporaryLake()
        let input = try lake.inputFolder()
        var dataSet = SyntheticData.dataSet(for: SyntheticInstance(modality: .CT, rows: 2, columns: 2))
        dataSet.set(.text(.patientID, .LO, Self.patientID))
        try Data(try DICOMWriter.part10(dataSet)).write(to: URL(fileURLWithPath: input + "/one.dcm"))
        _ = try lake.owner.ingest([input], dataset: "ct")
        return lake
    }

    private func storedPseudonym(_ lake: TemporaryLake) throws -> String {
        let stored = try lake.owner.catalog.value(String.self, "SELECT patientPseudonym FROM study")
        return try #require(stored)
    }

    /// The candidate whose unkeyed pseudonym (SHA-256, the older scheme) is `pseudonym`, if any.
    private func bruteForceUnkeyed(_ pseudonym: String) -> String? {
        Self.candidates.first { PatientPseudonymizer.legacyPseudonym(forPatientID: $0) == pseudonym }
    }

    @Test func bruteForceRecoversTheOldFormButNotTheKeyedOne() throws {
        let lake = try lakeWithPatient()
        let pseudonym = try storedPseudonym(lake)
        #expect(pseudonym.hasPrefix("P-"))
        #expect(pseudonym.count == 18)
        // The attacker's search fails against the real catalog: without the key, no candidate matches,
        // whether tried as SHA-256 (the old rule) or as an HMAC under a guessed key.
        #expect(bruteForceUnkeyed(pseudonym) == nil)
        let guessed = PatientPseudonymizer(key: KeyedHasher(key: Array(repeating: 0, count: 32)))
        #expect(!Self.candidates.contains { guessed.pseudonym(forPatientID: $0) == pseudonym })
        #expect(!pseudonym.contains(Self.patientID))
        // The same search on the old scheme's pseudonym of the same patient finds the ID.
        #expect(bruteForceUnkeyed(PatientPseudonymizer.legacyPseudonym(forPatientID: Self.patientID)) == Self.patientID)
        // With the lake's key (the service's alone) the pseudonym is reproducible, so studies still link.
        #expect(try lake.owner.patientPseudonymizer().pseudonym(forPatientID: Self.patientID) == pseudonym)
    }

    @Test func anOlderCatalogIsRekeyedOnItsOwnersFirstOpen() throws {
        let lake = try lakeWithPatient()
        let keyed = try storedPseudonym(lake)
        // As an older version wrote it: the unkeyed pseudonym, and no pseudonym key.
        try lake.owner.catalog.execute(
            "UPDATE study SET patientPseudonym = ?",
            arguments: [PatientPseudonymizer.legacyPseudonym(forPatientID: Self.patientID)])
        try FileManager.default.removeItem(atPath: lake.root + "/keys/pseudonym.key")
        let opened = try lake.open(as: "alice")
        let rekeyed = try storedPseudonym(lake)
        #expect(rekeyed.count == 18)
        #expect(bruteForceUnkeyed(rekeyed) == nil)
        #expect(rekeyed != keyed, "a new key makes new pseudonyms")
        #expect(try opened.patientPseudonymizer().pseudonym(forPatientID: Self.patientID) == rekeyed)
        let event = try #require(try opened.auditEvents(AuditFilter(action: "catalog.pseudonyms.rekeyed")).first)
        #expect(event.detailValues["studies"] == "1")
        #expect(try opened.verifyAudit().isIntact)
    }
}
