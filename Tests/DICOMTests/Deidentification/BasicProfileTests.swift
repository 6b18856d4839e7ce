@testable import DICOM
import Testing

/// The generated table against PS3.15 Table E.1-1: its size, the action codes it uses, and rows checked
/// one by one against the standard's text.
@Suite struct BasicProfileTests {
    @Test func theTableHasEveryRowOfTheStandard() {
        // The transcription has 460 rows: 459 attributes (3 of them repeating groups) and the private row.
        #expect(BasicProfile.standardRowCount == 460)
        #expect(BasicProfile.table.count == 459)
        #expect(BasicProfile.entries.count == 456)
        // The 3 repeating-group rows of the table and the 2 overlay text rows of the supplement.
        #expect(BasicProfile.maskedEntries.count == 5)
        #expect(BasicProfile.unresolvedKeywords.isEmpty)
        #expect(Set(BasicProfile.table.map(\.basic)) == ["X", "Z", "D", "U", "X/Z", "X/D", "Z/D", "X/Z/D", "X/Z/U*"])
        #expect(BasicProfile.table.allSatisfy { $0.entry != nil })
    }

    @Test(arguments: [
        // (tag, keyword, code, options) as printed in Table E.1-1.
        (0x0008_0050 as UInt32, "AccessionNumber", "Z", ""),
        (0x0008_0022, "AcquisitionDate", "X/Z", "full=K,mod=C"),
        (0x0008_002A, "AcquisitionDateTime", "X/Z/D", "full=K,mod=C"),
        (0x0018_1400, "AcquisitionDeviceProcessingDescription", "X/D", "desc=C"),
        (0x0070_0084, "ContentCreatorName", "Z/D", ""),
        (0x0008_1140, "ReferencedImageSequence", "X/Z/U*", "uid=K"),
        (0x0008_1120, "ReferencedPatientSequence", "X", "uid=X"),
        (0x0018_1002, "DeviceUID", "U", "uid=K,dev=K"),
        (0x0008_0080, "InstitutionName", "X/Z/D", "inst=K"),
        (0x0010_0040, "PatientSex", "Z", "pat=K"),
        (0x0010_2110, "Allergies", "X", "pat=C,desc=C"),
        (0x0040_A075, "VerifyingObserverName", "D", ""),
        (0x0016_0072, "GPSLatitude", "X", ""),
        (0x0040_A730, "ContentSequence", "D", "struct=C"),
    ])
    func rowsMatchTheStandard(tag: UInt32, keyword: String, code: String, options: String) throws {
        let row = try #require(BasicProfile.table.first { $0.tag == tag })
        #expect(row.keyword == keyword)
        #expect(row.basic == code)
        #expect(row.options == options)
    }

    @Test func repeatingGroupsMatchEveryGroup() {
        #expect(BasicProfile.entry(for: AttributeTag(rawValue: 0x6002_3000))?.name == "Overlay Data")
        #expect(BasicProfile.entry(for: AttributeTag(rawValue: 0x601E_4000))?.name == "Overlay Comments")
        #expect(BasicProfile.entry(for: AttributeTag(rawValue: 0x5004_3000))?.name == "Curve Data")
        #expect(BasicProfile.entry(for: AttributeTag(rawValue: 0x6000_0010)) == nil)
    }

    @Test func combinedCodesReduceToTheStrongestValidAction() {
        #expect(ProfileAction(code: "X/Z/D") == .remove)
        #expect(ProfileAction(code: "Z/D") == .empty)
        #expect(ProfileAction(code: "D") == .dummy)
        #expect(ProfileAction(code: "X/Z/U*") == .remapUID)
        #expect(BasicProfile.entry(for: .patientName)?.action == .pseudonym)
    }
}
