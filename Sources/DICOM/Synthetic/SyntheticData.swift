/// Generates realistic-looking but entirely synthetic DICOM instances (no real patient data) for
/// tests, the benchmark corpus and sample lakes.
///
/// ```swift
/// let dataSet = SyntheticData.dataSet(for: SyntheticInstance(modality: .MR, rows: 128, columns: 128))
/// let bytes = try DICOMWriter.part10(dataSet, transferSyntax: .implicitVRLittleEndian)
/// ```
public enum SyntheticData {
    /// The private creator of the generator's private block.
    public static let privateCreator = "MEDLAKE SYNTHETIC"

    /// The SOP class UID used for a modality.
    public static func sopClassUID(for modality: SyntheticInstance.Modality) -> String {
        switch modality {
        case .CT: return "1.2.840.10008.5.1.4.1.1.2"
        case .MR: return "1.2.840.10008.5.1.4.1.1.4"
        case .US: return "1.2.840.10008.5.1.4.1.1.6.1"
        case .CR: return "1.2.840.10008.5.1.4.1.1.1"
        case .SEG: return "1.2.840.10008.5.1.4.1.1.66.4"
        }
    }

    /// A UID under the `2.25` (UUID-derived) root, unique per seed and path of indices.
    static func uid(_ parts: Int...) -> String {
        "2.25." + parts.map { String(UInt($0)) }.joined(separator: ".")
    }

    /// The full data set of one instance, pixel data included.
    public static func dataSet(for spec: SyntheticInstance) -> DataSet {
        let patientCode = 1000 + spec.patient
        let studyUID = uid(spec.seed, 1, spec.patient, spec.study)
        let seriesUID = uid(spec.seed, 2, spec.patient, spec.study, spec.series)
        let instanceUID = uid(spec.seed, 3, spec.patient, spec.study, spec.series, spec.instance)
        let day = 1 + (spec.patient + spec.study) % 28
        let date = "2024" + (spec.study % 12 + 1).twoDigits + day.twoDigits
        var elements: [DataElement] = [
            .text(.specificCharacterSet, .CS, "ISO_IR 192"),
            .text(AttributeTag(rawValue: 0x0008_0008), .CS, "ORIGINAL", "PRIMARY", "AXIAL"),
            .text(.sopClassUID, .UI, sopClassUID(for: spec.modality)),
            .text(.sopInstanceUID, .UI, instanceUID),
            .text(.studyDate, .DA, date),
            .text(AttributeTag(rawValue: 0x0008_0030), .TM, "0930" + (spec.instance % 60).twoDigits + ".125"),
            .text(AttributeTag(rawValue: 0x0008_0050), .SH, "ACC\(spec.patient)\(spec.study)"),
            .text(.modality, .CS, spec.modality.rawValue),
            .text(AttributeTag(rawValue: 0x0008_0070), .LO, "MedLake Synthetic Imaging"),
            .text(.studyDescription, .LO, "Synthetic \(spec.modality.rawValue) study \(spec.study)"),
            .text(.seriesDescription, .LO, "Series \(spec.series) Ünïcode façade"),
            .text(.patientName, .PN, "Synthetic^Patient\(spec.patient)^^Dr.^"),
            .text(.patientID, .LO, "SYN\(patientCode)"),
            .text(AttributeTag(rawValue: 0x0010_0030), .DA, "19700101"),
            .text(AttributeTag(rawValue: 0x0010_0040), .CS, spec.patient % 2 == 0 ? "F" : "M"),
            .text(AttributeTag(rawValue: 0x0018_0015), .CS, bodyPart(spec)),
            .text(AttributeTag(rawValue: 0x0018_0050), .DS, "1.25"),
            .text(.studyInstanceUID, .UI, studyUID),
            .text(.seriesInstanceUID, .UI, seriesUID),
            .text(AttributeTag(rawValue: 0x0020_0010), .SH, "S\(spec.study)"),
            .text(.seriesNumber, .IS, String(spec.series + 1)),
            .text(.instanceNumber, .IS, String(spec.instance + 1)),
            .text(AttributeTag(rawValue: 0x0020_0032), .DS, "-125", "-125", String(Double(spec.instance) * 1.25)),
            .text(AttributeTag(rawValue: 0x0020_0037), .DS, "1", "0", "0", "0", "1", "0"),
            .text(.frameOfReferenceUID, .UI, uid(spec.seed, 4, spec.patient, spec.study)),
        ]
        elements += imagePixelModule(spec)
        if spec.includesSequences { elements += sequences(spec) }
        if spec.includesPrivateBlock { elements += privateBlock(spec) }
        var dataSet = DataSet()
        for element in elements { dataSet.set(element) }
        return dataSet
    }

    // MARK: - Modules

    private static func bodyPart(_ spec: SyntheticInstance) -> String {
        ["HEAD", "CHEST", "ABDOMEN", "PELVIS", "KNEE"][(spec.patient + spec.series) % 5]
    }

    private static func imagePixelModule(_ spec: SyntheticInstance) -> [DataElement] {
        let bits: UInt16
        switch spec.modality {
        case .US: bits = 8
        case .SEG: bits = 1
        default: bits = 16
        }
        var elements: [DataElement] = [
            .uint16(AttributeTag(rawValue: 0x0028_0002), 1),
            .text(AttributeTag(rawValue: 0x0028_0004), .CS, "MONOCHROME2"),
            .text(.numberOfFrames, .IS, "1"),
            .uint16(.rows, UInt16(clamping: spec.rows)),
            .uint16(.columns, UInt16(clamping: spec.columns)),
            .text(AttributeTag(rawValue: 0x0028_0030), .DS, "0.7", "0.7"),
            .uint16(.bitsAllocated, bits),
            .uint16(AttributeTag(rawValue: 0x0028_0101), bits),
            .uint16(AttributeTag(rawValue: 0x0028_0102), bits - 1),
            .uint16(.pixelRepresentation, 0),
        ]
        if spec.modality == .CT {
            elements.append(.text(AttributeTag(rawValue: 0x0028_1052), .DS, "-1024"))
            elements.append(.text(AttributeTag(rawValue: 0x0028_1053), .DS, "1"))
        }
        let pixelCount = spec.rows * spec.columns
        let byteCount = bits == 1 ? (pixelCount + 7) / 8 : pixelCount * Int(bits) / 8
        var pixels = [UInt8](repeating: 0, count: byteCount)
        for index in stride(from: 0, to: byteCount, by: 7) { pixels[index] = UInt8(truncatingIfNeeded: index &* 31) }
        elements.append(DataElement(tag: .pixelData, vr: bits == 16 ? .OW : .OB, value: .bytes(pixels)))
        return elements
    }

    private static func sequences(_ spec: SyntheticInstance) -> [DataElement] {
        let code = DataSet(elements: [
            .text(AttributeTag(rawValue: 0x0008_0100), .SH, "RPID\(spec.series)"),
            .text(AttributeTag(rawValue: 0x0008_0102), .SH, "RADLEX"),
            .text(AttributeTag(rawValue: 0x0008_0104), .LO, "Synthetic procedure"),
        ])
        let request = DataSet(elements: [
            .sequence(AttributeTag(rawValue: 0x0040_0008), [code]),
            .text(AttributeTag(rawValue: 0x0040_0009), .SH, "SPS\(spec.study)"),
            .text(AttributeTag(rawValue: 0x0040_1001), .SH, "RP\(spec.study)"),
        ])
        var elements: [DataElement] = [
            .sequence(AttributeTag(rawValue: 0x0008_1032), [code]),
            .sequence(AttributeTag(rawValue: 0x0040_0275), [request, request]),
        ]
        if spec.modality == .SEG {
            let segment = DataSet(elements: [
                .uint16(AttributeTag(rawValue: 0x0062_0004), 1),
                .text(AttributeTag(rawValue: 0x0062_0005), .LO, "Lesion"),
                .text(AttributeTag(rawValue: 0x0062_0008), .CS, "AUTOMATIC"),
            ])
            elements.append(.sequence(AttributeTag(rawValue: 0x0062_0002), [segment]))
        }
        return elements
    }

    private static func privateBlock(_ spec: SyntheticInstance) -> [DataElement] {
        [
            .text(AttributeTag(rawValue: 0x0009_0010), .LO, privateCreator),
            .text(AttributeTag(rawValue: 0x0009_1001), .LO, "site-\(spec.patient % 7)"),
            .uint32(AttributeTag(rawValue: 0x0009_1002), UInt32(spec.instance)),
            DataElement(tag: AttributeTag(rawValue: 0x0009_1003), vr: .OB, value: .bytes([0xDE, 0xAD, 0xBE, 0xEF])),
        ]
    }
}

extension Int {
    /// Two decimal digits, zero-padded.
    fileprivate var twoDigits: String { self < 10 ? "0\(self)" : String(self) }
}

// MARK: - Corpora

extension SyntheticData {
    /// The `number`-th instance of a mixed corpus and the syntax to write it in: modalities CT, MR, US,
    /// CR and SEG in turn by series, images from 64² to 512², 20 instances per series, 3 series per study,
    /// 2 studies per patient; even series Explicit VR Little Endian, odd series Implicit VR Little Endian.
    public static func corpusMember(_ number: Int, seed: Int = 1) -> (SyntheticInstance, TransferSyntax) {
        let instance = number % 20
        let seriesIndex = number / 20
        let series = seriesIndex % 3
        let study = seriesIndex / 3 % 2
        let patient = seriesIndex / 6
        let modality = SyntheticInstance.Modality.allCases[seriesIndex % SyntheticInstance.Modality.allCases.count]
        let sizes = [64, 128, 256, 512, 128, 256]
        let size = sizes[seriesIndex % sizes.count]
        let spec = SyntheticInstance(patient: patient, study: study, series: series, instance: instance,
                                     modality: modality, rows: size, columns: size,
                                     includesSequences: seriesIndex % 4 != 3, includesPrivateBlock: seriesIndex % 2 == 0,
                                     seed: seed)
        return (spec, seriesIndex % 2 == 0 ? .explicitVRLittleEndian : .implicitVRLittleEndian)
    }
}
