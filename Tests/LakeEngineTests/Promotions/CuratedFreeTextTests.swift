import DICOM
import Foundation
import Storage
import Testing

@testable import LakeEngine

/// Curated copies lose the identity typed into free text (overlays, curves, comments, nested names,
/// notes), and execution's re-scan fails the promotion when a retained attribute still carries it.
@Suite struct CuratedFreeTextTests {
    static let phi = ["DOE", "JOHN", "MARGARET", "MRN55123", "19800315", "1980-03-15", "03/15/1980"]

    @Test func theCuratedVersionCarriesNoneOfTheTypedIdentity() throws {
        let (lake, _) = try Self.lakeWithTypedIdentity()
        let alice = try lake.open(as: "alice")
        let request = try alice.requestPromotion("ct@latest", to: "curated", select: nil, reason: "")
        #expect(request.state == .pending, "\(request.checks)")
        let done = try lake.open(as: "bob").approvePromotion(id: request.id, comment: "ok")
        #expect(done.state == .executed, "\(done.error ?? "")")
        let entry = try #require(try alice.manifest(done.target ?? "").entries.first)
        let path = try alice.objectPath(try #require(ObjectDigest(hex: entry.sha256)), tier: "hot")
        let output = try DICOMReader.read(path: path).dataSet
        let texts = Self.allText(output)
        for word in Self.phi {
            #expect(!texts.contains { $0.uppercased().contains(word) }, "\(word) survived")
        }
        #expect(output[AttributeTag(rawValue: 0x6000_0022)] == nil)
        #expect(output[AttributeTag(rawValue: 0x6002_1500)] == nil)
        #expect(!output.elements.contains { $0.tag.group & 0xFF00 == 0x5000 })
    }

    @Test func aPrivateAttributeRetainedByAnOptionFailsTheExecutionNamingItsTag() throws {
        let (lake, _) = try Self.lakeWithTypedIdentity()
        let alice = try lake.open(as: "alice")
        let versions = try alice.versions(dataset: "ct").count
        let request = try alice.requestPromotion("ct@latest", to: "curated", select: nil, reason: "")
        #expect(request.state == .pending, "\(request.checks)")
        // After the request, the lake starts trusting the vendor block that holds the patient's name.
        try lake.setSetting("safe_private_creators", to: "[\"ACME SAFE\"]")
        let failed = try lake.open(as: "bob").approvePromotion(id: request.id, comment: "ok")
        #expect(failed.state == .approved)
        let error = try #require(failed.error)
        #expect(error.contains("(0019,1010) private: contains a name of the source's identity"), "\(error)")
        #expect(Self.phi.allSatisfy { !error.uppercased().contains($0) }, "\(error)")
        #expect(try alice.versions(dataset: "ct").count == versions)
        let audited = try alice.auditEvents(AuditFilter(action: "promotion.execute.failed"))
        #expect(audited.first?.details.contains("(0019,1010)") == true)
    }

    // MARK: - Helpers

    /// A lake with one published CT instance whose identity is also typed into free text, and a vendor
    /// block (creator ACME SAFE) naming the patient.
    static func lakeWithTypedIdentity() throws -> (TemporaryLake, String) {
        let lake = try TemporaryLake(owner: "alice")
        try lake.setRoles([.admin: ["alice"], .curator: ["alice", "bob"]])
        let input = try lake.inputFolder()
        var dataSet = SyntheticData.dataSet(for: SyntheticInstance(
            patient: 1, study: 0, series: 0, instance: 0, modality: .CT, rows: 2, columns: 2))
        func tag(_ raw: UInt32) -> AttributeTag { AttributeTag(rawValue: raw) }
        let nested = DataSet(elements: [
            .sequence(tag(0x0008_1115), [DataSet(elements: [.text(tag(0x0040_A123), .PN, "ROE^MARGARET")])]),
        ])
        for element: DataElement in [
            .text(.patientName, .PN, "DOE^JOHN"), .text(.patientID, .LO, "MRN55123"),
            .text(tag(0x0010_0030), .DA, "19800315"), .text(tag(0x0010_2297), .PN, "ROE^MARGARET"),
            .text(tag(0x6000_0022), .LO, "Overlay: DOE JOHN"), .text(tag(0x6002_1500), .LO, "MRN55123"),
            .text(tag(0x5000_2500), .LO, "DOE JOHN curve"),
            .text(tag(0x0020_4000), .LT, "DOB 03/15/1980"), .text(tag(0x0010_4000), .LT, "Contact: mother Margaret"),
            .text(tag(0x0018_7006), .LT, "recalibrated 1980-03-15"), .sequence(tag(0x0054_0016), [nested]),
            .text(tag(0x0019_0010), .LO, "ACME SAFE"), .text(tag(0x0019_1010), .LO, "operator note: doe john"),
        ] {
            dataSet.set(element)
        }
        try Data(try DICOMWriter.part10(dataSet)).write(to: URL(fileURLWithPath: input + "/typed.dcm"))
        let alice = try lake.open(as: "alice")
        _ = try alice.ingest([input], dataset: "ct")
        _ = try alice.labelDataset("ct", sensitivity: nil, consentScope: "research")
        _ = try alice.publishVersion(dataset: "ct")
        return (lake, input)
    }

    static func allText(_ dataSet: DataSet) -> [String] {
        dataSet.elements.flatMap { element -> [String] in
            let own = PHIScanner.textVRs.contains(element.vr) ? element.strings(characterSet: dataSet.characterSet) : []
            return own + element.items.flatMap(allText)
        }
    }
}
