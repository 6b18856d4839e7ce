@testable import DICOM

/// Data sets and encoded files the tests share; everything is built by code here.
enum TestFixtures {
    static func tag(_ raw: UInt32) -> AttributeTag { AttributeTag(rawValue: raw) }

    /// One element of every VR (public tags whose dictionary VR matches, so implicit VR keeps it), odd
    /// lengths, a private block, sequences nested three deep, and native pixel data.
    static func kitchenSink() -> DataSet {
        var inner = DataSet()
        inner.set(.text(tag(0x0008_0100), .SH, "INNER"))
        var middle = DataSet()
        middle.set(.text(tag(0x0008_0100), .SH, "MID"))
        middle.set(.sequence(tag(0x0040_0008), [inner, inner]))
        var outer = DataSet()
        outer.set(.sequence(tag(0x0040_0008), [middle]))
        outer.set(.text(tag(0x0040_0009), .SH, "OUT"))
        var elements: [DataElement] = [
            .text(.specificCharacterSet, .CS, "ISO_IR 192"),
            .text(tag(0x0008_0012), .DA, "20240229"),
            .text(tag(0x0008_0013), .TM, "235959.123456"),
            .text(tag(0x0008_0014), .UI, "1.2.3.4.5"),
            .text(tag(0x0008_0015), .DT, "20240229235959.5+0100"),
            .text(.sopClassUID, .UI, "1.2.840.10008.5.1.4.1.1.7"),
            .text(.sopInstanceUID, .UI, "1.2.3.4.5.6.7"),
            .text(tag(0x0008_0050), .SH, "ODD"),
            .text(tag(0x0008_0054), .AE, "STORESCP", "ARCHIVE"),
            .text(.modality, .CS, "OT"),
            .text(tag(0x0008_0070), .LO, "Manufactur\u{E9}r"),
            .text(tag(0x0008_0081), .ST, "1 Main Street\r\nTown"),
            .text(tag(0x0008_0090), .PN, "Doe^John^^Dr.^"),
            .text(tag(0x0008_0108), .LT, "Long text \\ with backslash"),
            .text(tag(0x0008_010E), .UR, "http://example.org/codes"),
            .text(tag(0x0008_0119), .UC, "A long code value"),
            .binary(tag(0x0008_0301), .US, [UInt16(7)]),
            .binary(tag(0x0008_0309), .UL, [UInt32(1), 2, 3]),
            .text(tag(0x0008_030E), .UT, "Unlimited text"),
            .binary(tag(0x0008_040C), .UV, [UInt64.max]),
            DataElement(tag: tag(0x0008_041B), vr: .OB, value: .bytes([1, 2, 3])),
            .float64(tag(0x0008_1163), 1.5, -2.25),
            .float32(tag(0x0008_9459), 29.97),
            .text(tag(0x0009_0010), .LO, "ACME 1.0"),
            .text(tag(0x0009_1001), .LO, "private text"),
            .text(.patientName, .PN, "M\u{FC}ller^Hans"),
            .text(.patientID, .LO, "ID-42"),
            .text(tag(0x0010_1010), .AS, "042Y"),
            .binary(tag(0x0014_0202), .AT, [UInt16(0x0010), 0x0020]),
            DataElement(tag: tag(0x0018_1638), vr: .OF, value: .bytes(DataElement.float32(tag(0), 1, 2).bytes)),
            .binary(tag(0x0018_6020), .SL, [Int32(-5)]),
            .binary(tag(0x0018_9219), .SS, [Int16(-3)]),
            .text(.seriesNumber, .IS, "12"),
            .text(tag(0x0018_0050), .DS, "2.5"),
            .binary(.rows, .US, [UInt16(2)]),
            .binary(.columns, .US, [UInt16(2)]),
            .binary(.bitsAllocated, .US, [UInt16(16)]),
            DataElement(tag: tag(0x0028_1201), vr: .OW, value: .bytes([1, 0, 2, 0])),
            DataElement(tag: tag(0x003A_032E), vr: .OD, value: .bytes(DataElement.float64(tag(0), 0.5).bytes)),
            .sequence(tag(0x0040_0275), [outer]),
            DataElement(tag: tag(0x0066_0040), vr: .OL, value: .bytes([1, 0, 0, 0])),
            DataElement(tag: tag(0x0072_0081), vr: .OV, value: .bytes([1, 0, 0, 0, 0, 0, 0, 0])),
            .binary(tag(0x0072_0082), .SV, [Int64.min, 5]),
            DataElement(tag: .pixelData, vr: .OW, value: .bytes([0x10, 0x00, 0x20, 0x00, 0x30, 0x00, 0x40, 0x00])),
        ]
        elements.sort { $0.tag < $1.tag }
        return DataSet(elements: elements, characterSet: SpecificCharacterSet(terms: ["ISO_IR 192"]))
    }

    /// The kitchen sink with encapsulated pixel data (an empty offset table and two fragments).
    static func encapsulated() -> DataSet {
        var dataSet = kitchenSink()
        let pixels = EncapsulatedPixelData(
            offsetTable: .init(offset: 0, length: 0, bytes: []),
            fragments: [.init(offset: 0, length: 4, bytes: [0xFF, 0xD8, 0xFF, 0xE0]),
                        .init(offset: 0, length: 6, bytes: [1, 2, 3, 4, 0xFF, 0xD9])])
        dataSet.set(DataElement(tag: .pixelData, vr: .OB, value: .encapsulated(pixels)))
        return dataSet
    }

    /// The syntaxes the writer can produce, with the data set written in each.
    static let syntaxes: [TransferSyntax] = [
        .explicitVRLittleEndian, .implicitVRLittleEndian, .explicitVRBigEndian, .deflatedExplicitVRLittleEndian,
    ]

    /// Every encoded test file: the kitchen sink in each syntax, the encapsulated variant, a bare implicit
    /// data set, and one synthetic instance per modality.
    static func allFiles() throws -> [(name: String, bytes: [UInt8])] {
        var files: [(String, [UInt8])] = []
        for syntax in syntaxes {
            files.append(("kitchen-sink \(syntax.uid)", try DICOMWriter.part10(kitchenSink(), transferSyntax: syntax)))
        }
        files.append(("encapsulated", try DICOMWriter.part10(encapsulated(), transferSyntax: .jpegBaseline)))
        files.append(("bare implicit", try DICOMWriter.encode(kitchenSink(), transferSyntax: .implicitVRLittleEndian)))
        for modality in SyntheticInstance.Modality.allCases {
            let spec = SyntheticInstance(modality: modality, rows: 8, columns: 8)
            files.append(("synthetic \(modality)", try DICOMWriter.part10(SyntheticData.dataSet(for: spec))))
        }
        files += HandBuilt.all
        return files
    }
}
