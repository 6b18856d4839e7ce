/// A DICOM attribute tag: a (group, element) pair packed as `group << 16 | element`.
///
/// Packing into one `UInt32` keeps tag comparisons and sorted-order checks a single integer
/// operation, which the header fast path relies on.
public struct AttributeTag: RawRepresentable, Hashable, Comparable, Sendable {
    public let rawValue: UInt32

    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public init(group: UInt16, element: UInt16) {
        rawValue = UInt32(group) << 16 | UInt32(element)
    }

    public var group: UInt16 { UInt16(truncatingIfNeeded: rawValue >> 16) }
    public var element: UInt16 { UInt16(truncatingIfNeeded: rawValue) }

    /// Odd groups (other than 1, 3, 5, 7 and 0xFFFF) hold private data elements (PS3.5 §7.8).
    public var isPrivate: Bool { group & 1 == 1 && group > 7 && group != 0xFFFF }

    /// `(gggg,00xx)` with `xx` in 0x10…0xFF reserves a private block and holds its creator's name.
    public var isPrivateCreator: Bool { isPrivate && element >= 0x0010 && element <= 0x00FF }

    /// For a private element `(gggg,xxyy)`, the tag `(gggg,00xx)` of the creator reserving its block.
    public var privateCreatorTag: AttributeTag? {
        guard isPrivate, element >= 0x1000 else { return nil }
        return AttributeTag(group: group, element: element >> 8)
    }

    /// `(gggg,0000)`: the group length element.
    public var isGroupLength: Bool { element == 0 }

    public static func < (lhs: AttributeTag, rhs: AttributeTag) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Parses `"0010,0020"`, `"(0010,0020)"` or `"00100020"` (hexadecimal digits).
    public init?(hex text: String) {
        let digits = text.filter { $0.isHexDigit }
        let rest = text.filter { !$0.isHexDigit && $0 != "," && $0 != "(" && $0 != ")" && $0 != " " }
        guard digits.count == 8, rest.isEmpty, let value = UInt32(digits, radix: 16) else { return nil }
        rawValue = value
    }
}

// MARK: - Well-known tags

extension AttributeTag {
    public static let fileMetaInformationGroupLength = AttributeTag(rawValue: 0x0002_0000)
    public static let fileMetaInformationVersion = AttributeTag(rawValue: 0x0002_0001)
    public static let mediaStorageSOPClassUID = AttributeTag(rawValue: 0x0002_0002)
    public static let mediaStorageSOPInstanceUID = AttributeTag(rawValue: 0x0002_0003)
    public static let transferSyntaxUID = AttributeTag(rawValue: 0x0002_0010)
    public static let implementationClassUID = AttributeTag(rawValue: 0x0002_0012)
    public static let implementationVersionName = AttributeTag(rawValue: 0x0002_0013)
    public static let specificCharacterSet = AttributeTag(rawValue: 0x0008_0005)
    public static let sopClassUID = AttributeTag(rawValue: 0x0008_0016)
    public static let sopInstanceUID = AttributeTag(rawValue: 0x0008_0018)
    public static let studyDate = AttributeTag(rawValue: 0x0008_0020)
    public static let modality = AttributeTag(rawValue: 0x0008_0060)
    public static let studyDescription = AttributeTag(rawValue: 0x0008_1030)
    public static let seriesDescription = AttributeTag(rawValue: 0x0008_103E)
    public static let patientName = AttributeTag(rawValue: 0x0010_0010)
    public static let patientID = AttributeTag(rawValue: 0x0010_0020)
    public static let bodyPartExamined = AttributeTag(rawValue: 0x0018_0015)
    public static let studyInstanceUID = AttributeTag(rawValue: 0x0020_000D)
    public static let seriesInstanceUID = AttributeTag(rawValue: 0x0020_000E)
    public static let seriesNumber = AttributeTag(rawValue: 0x0020_0011)
    public static let instanceNumber = AttributeTag(rawValue: 0x0020_0013)
    public static let frameOfReferenceUID = AttributeTag(rawValue: 0x0020_0052)
    public static let numberOfFrames = AttributeTag(rawValue: 0x0028_0008)
    public static let rows = AttributeTag(rawValue: 0x0028_0010)
    public static let columns = AttributeTag(rawValue: 0x0028_0011)
    public static let bitsAllocated = AttributeTag(rawValue: 0x0028_0100)
    public static let pixelRepresentation = AttributeTag(rawValue: 0x0028_0103)
    public static let pixelData = AttributeTag(rawValue: 0x7FE0_0010)
    public static let item = AttributeTag(rawValue: 0xFFFE_E000)
    public static let itemDelimitation = AttributeTag(rawValue: 0xFFFE_E00D)
    public static let sequenceDelimitation = AttributeTag(rawValue: 0xFFFE_E0DD)
}

// MARK: - CustomStringConvertible

extension AttributeTag: CustomStringConvertible {
    /// `(gggg,eeee)` in upper-case hexadecimal, as DICOM tools print tags.
    public var description: String { "(\(Self.hex4(group)),\(Self.hex4(element)))" }

    /// The eight-hex-digit form used as a key in the DICOM JSON model (PS3.18 §F.2.1.1).
    public var jsonKey: String { Self.hex4(group) + Self.hex4(element) }

    static func hex4(_ value: UInt16) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}
