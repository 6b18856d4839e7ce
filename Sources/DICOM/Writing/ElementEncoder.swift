/// Appends encoded elements to a byte array in one transfer syntax's layout.
struct ElementEncoder {
    let explicitVR: Bool
    let bigEndian: Bool
    private(set) var output: [UInt8] = []

    init(explicitVR: Bool, bigEndian: Bool) {
        self.explicitVR = explicitVR
        self.bigEndian = bigEndian
    }

    /// Encodes a data set; group lengths present in it are recomputed from what is written.
    mutating func encode(_ dataSet: DataSet, depth: Int) throws(DICOMError) {
        guard depth <= DICOMError.maximumNestingDepth else {
            throw DICOMError(.nestingTooDeep, offset: output.count)
        }
        var index = 0
        let elements = dataSet.elements
        while index < elements.count {
            let group = elements[index].tag.group
            var end = index
            while end < elements.count, elements[end].tag.group == group { end += 1 }
            let hasGroupLength = elements[index ..< end].contains { $0.tag.isGroupLength }
            if hasGroupLength {
                var body = ElementEncoder(explicitVR: explicitVR, bigEndian: bigEndian)
                for element in elements[index ..< end] where !element.tag.isGroupLength {
                    try body.encode(element, depth: depth)
                }
                try encode(DataElement(tag: AttributeTag(group: group, element: 0), vr: .UL,
                                       value: .bytes(DICOMWriter.le32(UInt32(clamping: body.output.count)))),
                           depth: depth)
                output += body.output
            } else {
                for element in elements[index ..< end] { try encode(element, depth: depth) }
            }
            index = end
        }
    }

    /// Encodes one element.
    mutating func encode(_ element: DataElement, depth: Int) throws(DICOMError) {
        switch element.value {
        case let .bytes(bytes):
            var value = bytes
            if value.count % 2 == 1 { value.append(element.vr.paddingByte) }
            if bigEndian { swapWords(&value, size: element.vr.wordSize) }
            if explicitVR, !element.vr.hasLongLength, value.count > 0xFFFF {
                throw DICOMError(.unwritableValue("\(value.count) bytes exceed the 16-bit length of \(element.vr)"),
                                 offset: output.count, tag: element.tag)
            }
            header(element.tag, vr: element.vr, length: UInt32(clamping: value.count))
            output += value
        case let .sequence(items):
            header(element.tag, vr: .SQ, length: DataElement.undefinedLength)
            for item in items {
                itemHeader(.item, length: DataElement.undefinedLength)
                try encode(item, depth: depth + 1)
                itemHeader(.itemDelimitation, length: 0)
            }
            itemHeader(.sequenceDelimitation, length: 0)
        case let .encapsulated(pixels):
            header(element.tag, vr: element.vr == .OW ? .OW : .OB, length: DataElement.undefinedLength)
            for fragment in [pixels.offsetTable] + pixels.fragments {
                guard var bytes = fragment.bytes else {
                    throw DICOMError(.unwritableValue("pixel data fragments were not loaded"), offset: output.count,
                                     tag: element.tag)
                }
                if bytes.count % 2 == 1 { bytes.append(0) }
                itemHeader(.item, length: UInt32(clamping: bytes.count))
                output += bytes
            }
            itemHeader(.sequenceDelimitation, length: 0)
        case .notLoaded:
            throw DICOMError(.unwritableValue("value was not loaded"), offset: output.count, tag: element.tag)
        }
    }

    // MARK: - Headers

    private mutating func header(_ tag: AttributeTag, vr: VR, length: UInt32) {
        put16(tag.group)
        put16(tag.element)
        if explicitVR {
            output.append(UInt8(truncatingIfNeeded: vr.rawValue >> 8))
            output.append(UInt8(truncatingIfNeeded: vr.rawValue))
            if vr.hasLongLength {
                output += [0, 0]
                put32(length)
            } else {
                put16(UInt16(truncatingIfNeeded: length))
            }
        } else {
            put32(length)
        }
    }

    private mutating func itemHeader(_ tag: AttributeTag, length: UInt32) {
        put16(tag.group)
        put16(tag.element)
        put32(length)
    }

    private mutating func put16(_ value: UInt16) {
        let ordered = bigEndian ? value.bigEndian : value.littleEndian
        withUnsafeBytes(of: ordered) { output += $0 }
    }

    private mutating func put32(_ value: UInt32) {
        let ordered = bigEndian ? value.bigEndian : value.littleEndian
        withUnsafeBytes(of: ordered) { output += $0 }
    }

    private func swapWords(_ bytes: inout [UInt8], size: Int) {
        guard size > 1 else { return }
        var index = 0
        while index + size <= bytes.count {
            bytes[index ..< index + size].reverse()
            index += size
        }
    }
}
