import Testing
@testable import DICOM

/// `appendJoinedText` writes the same bytes as `strings(characterSet:)` joined with `\` — the rendering
/// `medlake dicom tags` printed before it wrote into a byte buffer — for every VR and character set.
@Suite struct JoinedTextTests {
    static func general(_ element: DataElement, _ characterSet: SpecificCharacterSet) -> [UInt8] {
        Array(element.strings(characterSet: characterSet).joined(separator: "\\").utf8)
    }

    static func fast(_ element: DataElement, _ characterSet: SpecificCharacterSet) -> [UInt8] {
        var buffer: [UInt8] = [0x41]  // appends after what is there
        element.appendJoinedText(to: &buffer, characterSet: characterSet)
        return Array(buffer.dropFirst())
    }

    static let characterSets: [SpecificCharacterSet] = [
        .default, SpecificCharacterSet(terms: ["ISO_IR 100"]), SpecificCharacterSet(terms: ["ISO_IR 192"]),
        SpecificCharacterSet(terms: ["ISO_IR 13"]), SpecificCharacterSet(terms: ["", "ISO 2022 IR 87"]),
        SpecificCharacterSet(terms: ["ISO_IR 144"]), SpecificCharacterSet(terms: ["GB18030"]),
        SpecificCharacterSet(terms: ["KLINGON"]),
    ]

    static let allVRs: [VR] = [
        .AE, .AS, .AT, .CS, .DA, .DS, .DT, .FL, .FD, .IS, .LO, .LT, .OB, .OD, .OF, .OL, .OV, .OW, .PN, .SH, .SL,
        .SS, .ST, .SV, .TM, .UC, .UI, .UL, .UN, .UR, .US, .UT, .UV,
    ]

    @Test("Padding, empty values, backslashes, NULs, leading spaces and binary numbers render as before")
    func edgeCases() {
        let cases: [(VR, [UInt8])] = [
            (.UI, Array("1.2.840.10008.1.2\0".utf8)), (.CS, Array(" ORIGINAL \\PRIMARY\\AXIAL ".utf8)),
            (.PN, Array("  Doe^Jane^^Dr.\\=Doe ".utf8)), (.LO, Array("   ".utf8)), (.LO, []),
            (.LO, Array("\\".utf8)), (.DS, Array(" 0.5\\-0.25 \\\\ 3".utf8)), (.LT, Array("  a \\ b  \0".utf8)),
            (.ST, Array(" x\r\ny ".utf8)), (.UT, Array("\u{1B}[2J ".utf8)), (.UR, Array(" http://x/ ".utf8)),
            (.UC, Array(" a \\ b ".utf8)), (.IS, Array("12\0".utf8)), (.SH, Array("ab\0cd\0".utf8)),
            (.LO, [0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72]), (.LO, Array("Müller".utf8)), (.SH, [0x41, 0x5C, 0x9B, 0x42]),
            (.US, [0x00, 0x02, 0xFF, 0xFF, 0x07]), (.SS, [0x00, 0x80, 0xFF, 0xFF, 0x01, 0x00]),
            (.UL, [0xFF, 0xFF, 0xFF, 0xFF]), (.SL, [0x00, 0x00, 0x00, 0x80, 0x05, 0x00, 0x00, 0x00]),
            (.UV, [UInt8](repeating: 0xFF, count: 8)), (.SV, [0x01, 0, 0, 0, 0, 0, 0, 0x80]),
            (.FL, [0x00, 0x00, 0xC0, 0x3F]), (.FD, [0, 0, 0, 0, 0, 0, 0xF8, 0x3F]), (.AT, [0x10, 0x00, 0x20, 0x00]),
            (.OB, [1, 2, 3]), (.US, []),
        ]
        for (vr, bytes) in cases {
            let element = DataElement(tag: AttributeTag(group: 0x0011, element: 0x1010), vr: vr, value: .bytes(bytes))
            for characterSet in Self.characterSets {
                #expect(Self.fast(element, characterSet) == Self.general(element, characterSet),
                        "\(vr) \(bytes) in \(characterSet.terms)")
            }
        }
    }

    @Test("Random values of every VR in every character set render as before")
    func randomValues() {
        var generator = SplitMix(seed: 2024)
        // Mostly ASCII (the fast path) with padding, backslashes and controls; sometimes any byte.
        let alphabet = Array("AZaz09.^=-+ \\\0".utf8) + [0x1B, 0x7F, 0x0A, 0xE9, 0xC3, 0xA9, 0x9B, 0x5C]
        for _ in 0 ..< 4000 {
            let vr = Self.allVRs[Int(generator.next() % UInt64(Self.allVRs.count))]
            let count = Int(generator.next() % 24)
            let anyByte = generator.next() % 4 == 0
            let bytes = (0 ..< count).map { _ in
                anyByte ? UInt8(truncatingIfNeeded: generator.next()) : alphabet[Int(generator.next() % UInt64(alphabet.count))]
            }
            let element = DataElement(tag: AttributeTag(group: 0x0011, element: 0x1010), vr: vr, value: .bytes(bytes))
            let characterSet = Self.characterSets[Int(generator.next() % UInt64(Self.characterSets.count))]
            #expect(Self.fast(element, characterSet) == Self.general(element, characterSet),
                    "\(vr) \(bytes) in \(characterSet.terms)")
        }
    }

    @Test("Every element of every fixture file, sequences included, renders as before")
    func fixtures() throws {
        func check(_ dataSet: DataSet) {
            for element in dataSet.elements {
                #expect(Self.fast(element, dataSet.characterSet) == Self.general(element, dataSet.characterSet),
                        "\(element.tag) \(element.vr)")
                for item in element.items { check(item) }
            }
        }
        for (_, bytes) in try TestFixtures.allFiles() {
            check(try DICOMReader.parse(bytes).dataSet)
        }
    }

    @Test func decimals() {
        for number: Int64 in [0, 7, -7, 10, 65_535, -32_768, Int64(Int32.min), Int64(UInt32.max), .min, .max] {
            var buffer: [UInt8] = []
            DataElement.appendDecimal(number, to: &buffer)
            #expect(String(decoding: buffer, as: UTF8.self) == String(number))
        }
    }
}

/// A small deterministic generator, so a failure reproduces.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
