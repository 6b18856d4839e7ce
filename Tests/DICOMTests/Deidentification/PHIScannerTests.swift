import DICOM
import Testing

@Suite struct PHIScannerTests {
    @Test func findsEveryKindOfLeftover() {
        let original = DeidentificationFixture.dataSet(series: 0, instance: 0)
        let options = DeidentificationOptions()
        var output = Deidentifier(options: options, keying: FixedKeying()).deidentify(original)
        #expect(PHIScanner.scan(output, original: original, options: options).isEmpty)

        output.set(.text(DeidentificationFixture.tag("PatientAddress"), .LO, "12 Elm Street"))
        output.set(.text(DeidentificationFixture.tag("AccessionNumber"), .SH, "ACC-99812"))
        output.set(.text(.seriesInstanceUID, .UI, original.string(.seriesInstanceUID) ?? ""))
        output.set(.text(AttributeTag(rawValue: 0x0019_0010), .LO, "VENDOR"))
        output.set(.sequence(DeidentificationFixture.tag("ReferencedImageSequence"), [
            DataSet(elements: [.text(DeidentificationFixture.tag("PersonName"), .PN, original.string(.patientName) ?? "")]),
        ]))
        let findings = PHIScanner.scan(output, original: original, options: options)
        let keywords = Set(findings.map(\.keyword))
        #expect(keywords.isSuperset(of: ["PatientAddress", "AccessionNumber", "SeriesInstanceUID", "private", "PersonName"]))
        #expect(findings.allSatisfy { !$0.description.contains("Elm") })
    }

    @Test func requiresPatientIdentityRemoved() {
        let findings = PHIScanner.scan(DataSet(), options: DeidentificationOptions())
        #expect(findings.map(\.keyword) == ["PatientIdentityRemoved"])
    }
}
