import Testing
@testable import DICOM

@Suite("SpecificCharacterSet")
struct SpecificCharacterSetTests {
    /// Decodes `bytes` as a PN value in a data set whose (0008,0005) is `characterSet`.
    private func names(_ characterSet: String, _ bytes: [UInt8]) -> [PersonName] {
        let element = DataElement(tag: .patientName, vr: .PN, value: .bytes(bytes))
        return element.personNames(characterSet: SpecificCharacterSet(value: Array(characterSet.utf8)))
    }

    private func text(_ characterSet: String, _ bytes: [UInt8]) -> String? {
        DataElement(tag: AttributeTag(rawValue: 0x0008_0070), vr: .LO, value: .bytes(bytes))
            .strings(characterSet: SpecificCharacterSet(value: Array(characterSet.utf8))).first
    }

    @Test("ISO 8859 single-byte sets, TIS 620 and Latin-1", arguments: [
        ("ISO_IR 100", [0x42, 0x75, 0x63, 0x5E, 0x4A, 0xE9, 0x72, 0xF4, 0x6D, 0x65], "Buc^J\u{E9}r\u{F4}me"),
        ("ISO_IR 101", [0xA3, 0xF3, 0x64, 0xBC], "Łódź"),
        ("ISO_IR 144", [0xBB, 0xEE, 0xDA, 0x63, 0x65, 0xDC, 0xD1, 0x79, 0x70, 0xD3], "Люкceмбypг"),
        ("ISO_IR 126", [0xC4, 0xE9, 0xEF, 0xED, 0xF5, 0xF3, 0xE9, 0xEF, 0xF2], "Διονυσιος"),
        ("ISO_IR 138", [0xF9, 0xF8, 0xE5, 0xEF, 0x5E, 0xE3, 0xE1, 0xE5, 0xF8, 0xE4], "שרון^דבורה"),
        ("ISO_IR 127", [0xE2, 0xC8, 0xC7, 0xE6, 0xEA, 0x5E, 0xE4, 0xE6, 0xD2, 0xC7, 0xD1], "قباني^لنزار"),
        ("ISO_IR 148", [0xC7, 0x61, 0xF0, 0x72, 0xFD], "Çağrı"),
        ("ISO_IR 203", [0xA4, 0x75, 0x72, 0x6F], "€uro"),
        ("ISO_IR 166", [0xC0, 0xD2, 0xC9, 0xD2, 0xE4, 0xB7, 0xC2], "ภาษาไทย"),
    ] as [(String, [UInt8], String)])
    func singleByteSets(characterSet: String, bytes: [UInt8], expected: String) {
        #expect(text(characterSet, bytes) == expected)
    }

    @Test("UTF-8 and GB18030 (PS3.5 Annex K)")
    func multiByteSets() {
        let utf8 = Array("Wang^XiaoDong=王^小東=".utf8)
        #expect(names("ISO_IR 192", utf8).first?.ideographic == "王^小東")
        let gb18030: [UInt8] = [0x57, 0x61, 0x6E, 0x67, 0x5E, 0x58, 0x69, 0x61, 0x6F, 0x44, 0x6F, 0x6E, 0x67, 0x3D,
                                0xCD, 0xF5, 0x5E, 0xD0, 0xA1, 0xB6, 0xAB, 0x3D]
        let name = names("GB18030", gb18030).first
        #expect(name?.alphabetic == "Wang^XiaoDong")
        #expect(name?.ideographic == "王^小东")
    }

    @Test("Japanese with ISO 2022 IR 87 escapes (PS3.5 H.3.1)")
    func japaneseKanji() {
        let bytes: [UInt8] = [0x59, 0x61, 0x6D, 0x61, 0x64, 0x61, 0x5E, 0x54, 0x61, 0x72, 0x6F, 0x75, 0x3D,
                              0x1B, 0x24, 0x42, 0x3B, 0x33, 0x45, 0x44, 0x1B, 0x28, 0x42, 0x5E, 0x1B, 0x24, 0x42,
                              0x42, 0x40, 0x4F, 0x3A, 0x1B, 0x28, 0x42, 0x3D, 0x1B, 0x24, 0x42, 0x24, 0x64, 0x24,
                              0x5E, 0x24, 0x40, 0x1B, 0x28, 0x42, 0x5E, 0x1B, 0x24, 0x42, 0x24, 0x3F, 0x24, 0x6D,
                              0x24, 0x26, 0x1B, 0x28, 0x42]
        let name = names("\\ISO 2022 IR 87", bytes).first
        #expect(name == PersonName(alphabetic: "Yamada^Tarou", ideographic: "山田^太郎", phonetic: "やまだ^たろう"))
    }

    @Test("Japanese with half-width katakana (ISO 2022 IR 13) and IR 87 (PS3.5 H.3.2)")
    func japaneseKatakana() {
        let bytes: [UInt8] = [0xD4, 0xCF, 0xC0, 0xDE, 0x5E, 0xC0, 0xDB, 0xB3, 0x3D, 0x1B, 0x24, 0x42, 0x3B, 0x33,
                              0x45, 0x44, 0x1B, 0x28, 0x4A, 0x5E, 0x1B, 0x24, 0x42, 0x42, 0x40, 0x4F, 0x3A, 0x1B,
                              0x28, 0x4A, 0x3D, 0x1B, 0x24, 0x42, 0x24, 0x64, 0x24, 0x5E, 0x24, 0x40, 0x1B, 0x28,
                              0x4A, 0x5E, 0x1B, 0x24, 0x42, 0x24, 0x3F, 0x24, 0x6D, 0x24, 0x26, 0x1B, 0x28, 0x4A]
        let name = names("ISO 2022 IR 13\\ISO 2022 IR 87", bytes).first
        #expect(name == PersonName(alphabetic: "ﾔﾏﾀﾞ^ﾀﾛｳ", ideographic: "山田^太郎", phonetic: "やまだ^たろう"))
    }

    @Test("JIS X 0212 (ISO 2022 IR 159) through its escape")
    func japaneseSupplementary() {
        // ESC $ ( D, then 0x30 0x21 (丂 in JIS X 0212), ESC ( B.
        let bytes: [UInt8] = [0x1B, 0x24, 0x28, 0x44, 0x30, 0x21, 0x1B, 0x28, 0x42]
        #expect(text("\\ISO 2022 IR 159", bytes) == "丂")
    }

    @Test("Korean with ISO 2022 IR 149 (PS3.5 I.2)")
    func korean() {
        let bytes: [UInt8] = [0x48, 0x6F, 0x6E, 0x67, 0x5E, 0x47, 0x69, 0x6C, 0x64, 0x6F, 0x6E, 0x67, 0x3D, 0x1B,
                              0x24, 0x29, 0x43, 0xFB, 0xF3, 0x5E, 0x1B, 0x24, 0x29, 0x43, 0xD1, 0xCE, 0xD4, 0xD7,
                              0x3D, 0x1B, 0x24, 0x29, 0x43, 0xC8, 0xAB, 0x5E, 0x1B, 0x24, 0x29, 0x43, 0xB1, 0xE6,
                              0xB5, 0xBF]
        let name = names("\\ISO 2022 IR 149", bytes).first
        #expect(name == PersonName(alphabetic: "Hong^Gildong", ideographic: "洪^吉洞", phonetic: "홍^길동"))
    }

    @Test("An unknown character set keeps the bytes and names the term")
    func unknown() {
        let characterSet = SpecificCharacterSet(value: Array("ISO_IR 999".utf8))
        #expect(characterSet.unknownTerms == ["ISO_IR 999"])
        let element = DataElement(tag: .patientName, vr: .PN, value: .bytes([0x41, 0xE9]))
        #expect(element.decodedText(characterSet: characterSet) == .undecodable([0x41, 0xE9], characterSet: ["ISO_IR 999"]))
        #expect(element.strings(characterSet: characterSet) == ["A\u{FFFD}"])
    }

    @Test("Text VRs with their own repertoire ignore the character set")
    func defaultRepertoireVRs() {
        let element = DataElement(tag: .modality, vr: .CS, value: .bytes(Array(" CT \\MR ".utf8)))
        #expect(element.strings(characterSet: SpecificCharacterSet(terms: ["ISO 2022 IR 87"])) == ["CT", "MR"])
    }

    @Test("A backslash byte inside a GB18030 character does not split the value")
    func gb18030TrailBackslash() {
        // 0x81 0x5C is one GB18030 character whose trail byte is 0x5C; then a real delimiter and "B".
        let element = DataElement(tag: AttributeTag(rawValue: 0x0008_0070), vr: .LO, value: .bytes([0x81, 0x5C, 0x5C, 0x42]))
        let values = element.strings(characterSet: SpecificCharacterSet(terms: ["GB18030"]))
        #expect(values.count == 2)
        #expect(values.last == "B")
    }
}
