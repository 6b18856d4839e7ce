import DICOM
import Foundation
import Testing

/// Identifying data typed into free text — overlay and curve groups, comments, nested person names,
/// notes — is removed or blanked by the de-identifier, and the re-scan finds it when it survives. Each
/// placement is checked on data sets MedLake writes and on files pydicom writes.
@Suite struct FreeTextDeidentificationTests {
    static let phi = ["DOE", "JOHN", "MARGARET", "ROE", "MRN55123", "ACC77410", "19800315", "1980-03-15",
                      "03/15/1980", "15.03.1980"]

    @Test(arguments: [false, true])
    func everyPlacementIsRemovedFromAMedLakeWrittenFile(cleanDescriptors: Bool) throws {
        let bytes = try DICOMWriter.part10(FreeTextFixture.dataSet())
        let source = try DICOMReader.parse(bytes).dataSet
        try expectClean(source, options: DeidentificationOptions(cleanDescriptors: cleanDescriptors))
    }

    @Test(.enabled(if: FreeTextFixture.pydicomAvailable), arguments: [false, true])
    func everyPlacementIsRemovedFromAPydicomWrittenFile(cleanDescriptors: Bool) throws {
        let path = NSTemporaryDirectory() + "phi-" + UUID().uuidString + ".dcm"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let output = try FreeTextFixture.python(FreeTextFixture.pydicomScript, path)
        #expect(output == "written\n", "\(output)")
        let source = try DICOMReader.read(path: path).dataSet
        // pydicom wrote what the MedLake fixture holds: the two placements agree.
        for tag in [0x6000_0022, 0x6002_1500, 0x5000_2500, 0x0020_4000, 0x0010_4000] as [UInt32] {
            #expect(source[AttributeTag(rawValue: tag)] != nil, "pydicom fixture lacks \(AttributeTag(rawValue: tag))")
        }
        try expectClean(source, options: DeidentificationOptions(cleanDescriptors: cleanDescriptors))
    }

    @Test func overlayAndCurveRowsCoverTheSixteenRepeatingGroupsOnly() {
        for offset in stride(from: 0, through: 0x1E, by: 2) {
            let overlay = UInt32(0x6000 + offset) << 16
            #expect(BasicProfile.entry(for: AttributeTag(rawValue: overlay | 0x0022))?.action == .remove)
            #expect(BasicProfile.entry(for: AttributeTag(rawValue: overlay | 0x1500))?.action == .remove)
            #expect(BasicProfile.entry(for: AttributeTag(rawValue: (UInt32(0x5000 + offset) << 16) | 0x2500))?.action == .remove)
        }
        #expect(BasicProfile.entry(for: AttributeTag(rawValue: 0x6020_0022)) == nil)
        #expect(BasicProfile.entry(for: AttributeTag(rawValue: 0x6001_0022)) == nil)
        #expect(BasicProfile.entry(for: AttributeTag(rawValue: 0x5020_3000)) == nil)
    }

    @Test func keptDescriptionsHaveNamesIdentifiersAndDatesBlanked() throws {
        let output = Deidentifier(options: DeidentificationOptions(cleanDescriptors: true), keying: FixedKeying())
            .deidentify(FreeTextFixture.dataSet())
        #expect(output.string(AttributeTag(rawValue: 0x0020_4000)) == "DOB *, follow-up of *")
        #expect(output.string(AttributeTag(rawValue: 0x0010_4000)) == "Contact: mother * *")
        #expect(output.string(AttributeTag(rawValue: 0x0018_7006)) == "recalibrated * for *")
    }

    @Test func theRescanCatchesAPrivateAttributeRetainedByAnOption() throws {
        var source = FreeTextFixture.dataSet()
        source.set(.text(AttributeTag(rawValue: 0x0019_0010), .LO, "ACME SAFE"))
        source.set(.text(AttributeTag(rawValue: 0x0019_1010), .LO, "operator note: doe john"))
        source.set(.sequence(AttributeTag(rawValue: 0x0019_1011), [
            DataSet(elements: [.text(AttributeTag(rawValue: 0x0008_0108), .LT, "seen 1980-03-15")]),
        ]))
        let options = DeidentificationOptions(safePrivateCreators: ["ACME SAFE"])
        let output = Deidentifier(options: options, keying: FixedKeying()).deidentify(source)
        #expect(output[AttributeTag(rawValue: 0x0019_1010)] != nil, "the option retains the block as it is")
        let findings = PHIScanner.scan(output, original: source, options: options)
        #expect(findings.map(\.path) == ["(0019,1010)", "(0019,1011)[0]>(0008,0108)"])
        #expect(findings.map(\.reason) == ["contains a name of the source's identity", "contains a date of the source's identity"])
        for finding in findings {
            #expect(Self.phi.allSatisfy { !finding.description.uppercased().contains($0) }, "\(finding)")
        }
    }

    @Test func wordsThatOnlyContainANameAreNotFindings() {
        var output = Deidentifier(options: DeidentificationOptions(), keying: FixedKeying())
            .deidentify(FreeTextFixture.dataSet())
        output.set(.text(AttributeTag(rawValue: 0x0008_0108), .LT, "DOES ROENTGEN JOHNSON 198003150"))
        #expect(PHIScanner.scan(output, original: FreeTextFixture.dataSet(), options: DeidentificationOptions()).isEmpty)
    }

    // MARK: - Helpers

    /// De-identifies `source`, writes and re-reads the result, and checks that the re-scan is clean and
    /// that no identifying word is left in any element (sequences included) of the output.
    private func expectClean(_ source: DataSet, options: DeidentificationOptions) throws {
        let output = Deidentifier(options: options, keying: FixedKeying()).deidentify(source)
        let reread = try DICOMReader.parse(try DICOMWriter.part10(output)).dataSet
        #expect(PHIScanner.scan(reread, original: source, options: options).isEmpty,
                "\(PHIScanner.scan(reread, original: source, options: options))")
        #expect(!reread.elements.contains { $0.tag.group & 0xFF00 == 0x5000 }, "curve data survived")
        let overlayText = reread.elements.filter {
            $0.tag.group & 0xFF00 == 0x6000 && [0x0022, 0x1500, 0x3000, 0x4000].contains($0.tag.element)
        }
        #expect(overlayText.isEmpty, "overlay text or data survived: \(overlayText.map(\.tag))")
        let texts = Self.allText(reread)
        for word in Self.phi {
            #expect(!texts.contains { $0.uppercased().contains(word) }, "\(word) survived")
        }
    }

    private static func allText(_ dataSet: DataSet) -> [String] {
        dataSet.elements.flatMap { element -> [String] in
            let own = PHIScanner.textVRs.contains(element.vr) ? element.strings(characterSet: dataSet.characterSet) : []
            return own + element.items.flatMap(allText)
        }
    }
}
