import Testing
@testable import DICOM

@Suite("DataDictionary")
struct DataDictionaryTests {
    @Test("Standard attributes resolve to keyword, name, VR and VM")
    func lookup() throws {
        let entry = try #require(DataDictionary.entry(for: .patientID))
        #expect(entry.keyword == "PatientID")
        #expect(entry.name == "Patient ID")
        #expect(entry.vr == .LO)
        #expect(entry.vm == "1")
        #expect(!entry.isRetired)
        #expect(DataDictionary.entry(for: AttributeTag(rawValue: 0x0008_0040))?.isRetired == true)
        #expect(DataDictionary.vr(for: .pixelData) == .OW)
        #expect(DataDictionary.vr(for: AttributeTag(rawValue: 0x0028_0106)) == .US)
        #expect(DataDictionary.entry(for: AttributeTag(rawValue: 0x0009_1001)) == nil)
    }

    @Test("Repeating groups match by mask")
    func repeatingGroups() throws {
        let overlay = try #require(DataDictionary.entry(for: AttributeTag(rawValue: 0x6002_3000)))
        #expect(overlay.keyword == "OverlayData")
        #expect(DataDictionary.vr(for: AttributeTag(rawValue: 0x601E_0010)) == .US)
    }

    @Test("Keywords resolve back to tags")
    func keywords() {
        #expect(DataDictionary.tag(forKeyword: "StudyInstanceUID") == .studyInstanceUID)
        #expect(DataDictionary.tag(forKeyword: "OverlayRows") == AttributeTag(rawValue: 0x6000_0010))
        #expect(DataDictionary.tag(forKeyword: "NoSuchKeyword") == nil)
    }

    @Test("The registry arrays are sorted and parallel")
    func registryShape() {
        #expect(zip(DataDictionary.tags, DataDictionary.tags.dropFirst()).allSatisfy { $0 < $1 })
        #expect(DataDictionary.tags.count == DataDictionary.vrs.count)
        #expect(DataDictionary.tags.count == DataDictionary.textStart.count)
        #expect(DataDictionary.tags.count > 4000)
    }
}
