import Testing
@testable import DICOM

@Suite("DumpLine")
struct DumpLineTests {
    @Test("Lines show keyword, private creator, nested items and summaries")
    func lines() throws {
        let file = try DICOMReader.parse(HandBuilt.nestedUndefined)
        let lines = DumpLine.lines(for: file.dataSet)
        #expect(lines.map(\.depth) == [0, 0, 1, 2, 3, 4, 0])
        #expect(lines[0].label == "PrivateCreator")
        #expect(lines[1].label == "Private: VENDOR X")
        #expect(lines[1].value == "1 item")
        #expect(lines[2].label == "Item #1")
        #expect(lines[3].label == "RequestAttributesSequence")
        #expect(lines[5] == DumpLine(depth: 4, tag: AttributeTag(rawValue: 0x0040_0009), vr: .SH,
                                     label: "ScheduledProcedureStepID", value: "[ABCD]"))
        #expect(lines[6].value == "[NESTED]")
    }

    @Test("Binary and bulk values are summarised, not printed")
    func summaries() throws {
        let file = try DICOMReader.parse(HandBuilt.fragments, options: ParseOptions(loadBulkData: false))
        let pixel = try #require(DumpLine.lines(for: file.dataSet).last)
        #expect(pixel.value == "encapsulated: 2 fragments, 8 bytes, offset table 4 bytes")
        let ob = DataElement(tag: AttributeTag(rawValue: 0x0042_0011), vr: .OB, value: .bytes(Array(0 ..< 20)))
        let line = DumpLine.lines(for: DataSet(elements: [ob]))[0]
        #expect(line.value == "00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f … (20 bytes)")
    }
}
