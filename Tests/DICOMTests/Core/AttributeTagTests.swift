import Testing
@testable import DICOM

@Suite("AttributeTag")
struct AttributeTagTests {
    @Test("Parses hexadecimal forms and prints the standard ones")
    func parsing() {
        #expect(AttributeTag(hex: "0010,0020") == .patientID)
        #expect(AttributeTag(hex: "(7FE0,0010)") == .pixelData)
        #expect(AttributeTag(hex: "0020000d") == .studyInstanceUID)
        #expect(AttributeTag(hex: "10,20") == nil)
        #expect(AttributeTag(hex: "PatientID") == nil)
        #expect(AttributeTag.pixelData.description == "(7FE0,0010)")
        #expect(AttributeTag.studyInstanceUID.jsonKey == "0020000D")
    }

    @Test("Private elements find their creator's tag")
    func privateTags() {
        let tag = AttributeTag(rawValue: 0x0029_1010)
        #expect(tag.isPrivate)
        #expect(tag.privateCreatorTag == AttributeTag(rawValue: 0x0029_0010))
        #expect(AttributeTag(rawValue: 0x0029_0011).isPrivateCreator)
        #expect(!AttributeTag.patientID.isPrivate)
        #expect(!AttributeTag.item.isPrivate)
    }
}
