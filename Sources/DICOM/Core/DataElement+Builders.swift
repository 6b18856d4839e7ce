/// Constructors for elements built in memory (by the writer's callers, the synthetic generator,
/// de-identification). Text is stored as UTF-8; numbers little endian.
extension DataElement {
    /// A text element; several values are joined with `\`.
    public static func text(_ tag: AttributeTag, _ vr: VR, _ values: String...) -> DataElement {
        DataElement(tag: tag, vr: vr, value: .bytes(Array(values.joined(separator: "\\").utf8)))
    }

    /// A US element.
    public static func uint16(_ tag: AttributeTag, _ values: UInt16...) -> DataElement {
        binary(tag, .US, values)
    }

    /// A UL element.
    public static func uint32(_ tag: AttributeTag, _ values: UInt32...) -> DataElement {
        binary(tag, .UL, values)
    }

    /// A binary element of fixed-width integers, e.g. `.binary(tag, .SV, [Int64(-1)])`.
    public static func binary<Number: FixedWidthInteger>(_ tag: AttributeTag, _ vr: VR, _ values: [Number])
        -> DataElement
    {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * MemoryLayout<Number>.size)
        for value in values { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
        return DataElement(tag: tag, vr: vr, value: .bytes(bytes))
    }

    /// An FD element.
    public static func float64(_ tag: AttributeTag, _ values: Double...) -> DataElement {
        binary(tag, .FD, values.map(\.bitPattern))
    }

    /// An FL element.
    public static func float32(_ tag: AttributeTag, _ values: Float...) -> DataElement {
        binary(tag, .FL, values.map(\.bitPattern))
    }

    /// A sequence of items.
    public static func sequence(_ tag: AttributeTag, _ items: [DataSet]) -> DataElement {
        DataElement(tag: tag, vr: .SQ, value: .sequence(items))
    }
}
