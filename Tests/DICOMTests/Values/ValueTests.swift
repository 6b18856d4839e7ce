import Testing
@testable import DICOM

@Suite("Values")
struct ValueTests {
    @Test("PN splits into alphabetic, ideographic and phonetic groups and components")
    func personName() {
        let name = PersonName("Doe^John^Q^Dr.^Jr=ド^ジョン=どう")
        #expect(name.alphabeticComponents == ["Doe", "John", "Q", "Dr.", "Jr"])
        #expect(name.ideographic == "ド^ジョン")
        #expect(name.phonetic == "どう")
        #expect(PersonName("Smith").alphabeticComponents == ["Smith", "", "", "", ""])
    }

    @Test("DA, TM and DT parse into components; malformed values are rejected")
    func dates() {
        #expect(DICOMDateTime(date: "20240229").map { [$0.year, $0.month, $0.day] } == [2024, 2, 29])
        #expect(DICOMDateTime(date: "2024.02.29")?.day == 29)
        #expect(DICOMDateTime(date: "20241301") == nil)
        let time = DICOMDateTime(time: "235959.5")
        #expect(time?.hour == 23 && time?.second == 59 && time?.microsecond == 500_000)
        #expect(DICOMDateTime(time: "07")?.hour == 7)
        #expect(DICOMDateTime(time: "2560") == nil)
        let dateTime = DICOMDateTime(dateTime: "20240229235959.123456-0130")
        #expect(dateTime?.utcOffsetMinutes == -90)
        #expect(dateTime?.microsecond == 123_456)
        #expect(DICOMDateTime(dateTime: "2024")?.month == nil)
        #expect(DICOMDateTime(dateTime: "20x4") == nil)
    }

    @Test("DS and IS as numbers, with padding and invalid values")
    func decimalStrings() {
        let ds = DataElement.text(AttributeTag(rawValue: 0x0028_0030), .DS, " 0.5", "1e3 ", "abc")
        #expect(ds.decimals == [0.5, 1000])
        let integers = DataElement.text(.seriesNumber, .IS, "-12", "+7 ")
        #expect(integers.integers == [-12, 7])
    }

    @Test("Binary numbers, odd remainders dropped, and AT tags")
    func binaryNumbers() {
        #expect(DataElement(tag: .rows, vr: .US, value: .bytes([1, 2, 3])).numbers(UInt16.self) == [0x0201])
        #expect(DataElement.binary(.rows, .SS, [Int16(-2)]).binaryNumbers == [-2])
        #expect(DataElement.float64(.rows, 2.5).doubles == [2.5])
        #expect(DataElement.float32(.rows, 0.25).floats == [0.25])
        let at = DataElement.binary(AttributeTag(rawValue: 0x0028_0009), .AT, [UInt16(0x0018), 0x1063])
        #expect(at.attributeTags == [AttributeTag(group: 0x0018, element: 0x1063)])
        #expect(at.strings(characterSet: .default) == ["00181063"])
    }

    @Test("Multi-valued text splits at backslashes, single-valued text does not")
    func splitting() {
        #expect(DataElement.text(.modality, .CS, "A", "B").strings(characterSet: .default) == ["A", "B"])
        let lt = DataElement(tag: AttributeTag(rawValue: 0x0008_0108), vr: .LT, value: .bytes(Array("  a\\b ".utf8)))
        #expect(lt.strings(characterSet: .default) == ["  a\\b"])
        #expect(DataElement(tag: .patientID, vr: .LO, value: .bytes([])).strings(characterSet: .default) == [])
    }
}
