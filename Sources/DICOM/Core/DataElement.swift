/// One data element: a tag, its value representation and its value (PS3.5 §7.1).
///
/// Values are kept as the bytes read (little endian; big-endian input is swapped while parsing) and
/// decoded only when asked, through the accessors in `DataSet+Values.swift` and `DataElement+Values.swift`.
public struct DataElement: Sendable {
    /// What an element holds.
    public enum Value: Sendable, Equatable {
        /// The value bytes, in little-endian order, exactly as long as encoded (odd lengths kept).
        case bytes([UInt8])
        /// The items of a sequence (SQ), each a nested data set.
        case sequence([DataSet])
        /// Encapsulated (compressed) pixel data: a basic offset table and fragments.
        case encapsulated(EncapsulatedPixelData)
        /// A value that was not read into memory (pixel data when bulk data is skipped); its bytes are
        /// at ``DataElement/valueOffset`` for ``DataElement/length`` bytes in the source.
        case notLoaded
    }

    public var tag: AttributeTag
    public var vr: VR
    public var value: Value
    /// Byte offset of the value in the source (the file, or the inflated stream of a deflated
    /// syntax); -1 for elements built in memory.
    public var valueOffset: Int
    /// Length of the value as encoded; ``undefinedLength`` for delimited sequences and encapsulated data.
    public var length: UInt32

    /// The length field value meaning "until a delimitation item" (PS3.5 §7.1.1).
    public static let undefinedLength: UInt32 = 0xFFFF_FFFF

    public init(tag: AttributeTag, vr: VR, value: Value, valueOffset: Int = -1, length: UInt32? = nil) {
        self.tag = tag
        self.vr = vr
        self.value = value
        self.valueOffset = valueOffset
        if let length {
            self.length = length
        } else if case let .bytes(bytes) = value {
            self.length = UInt32(clamping: bytes.count)
        } else {
            self.length = Self.undefinedLength
        }
    }

    /// The value bytes, or an empty array for sequences, fragments and unloaded values.
    public var bytes: [UInt8] {
        if case let .bytes(bytes) = value { return bytes }
        return []
    }

    /// The items of a sequence, or an empty array.
    public var items: [DataSet] {
        if case let .sequence(items) = value { return items }
        return []
    }
}

// MARK: - Equatable

extension DataElement: Equatable {
    /// Elements are equal when tag, VR and value match; where they were read from does not matter.
    public static func == (lhs: DataElement, rhs: DataElement) -> Bool {
        lhs.tag == rhs.tag && lhs.vr == rhs.vr && lhs.value == rhs.value
    }
}
