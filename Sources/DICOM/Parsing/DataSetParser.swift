/// Walks encoded data set bytes and builds ``DataSet`` values.
///
/// The parser reads straight from a raw buffer with bounds-checked unaligned loads: every length from
/// the data is compared with the bytes remaining (in the buffer and in the enclosing item) before
/// anything is copied or allocated, so a corrupted length costs an error, never a huge allocation.
/// Skipped elements cost no allocation at all. Damage does not throw: the parser records the first
/// ``DICOMError`` in ``failure``, keeps what it had, and every loop stops.
///
/// - warning: The parser borrows `buffer`; it must not outlive the `withUnsafeBytes` call providing it.
struct DataSetParser {
    /// The element header just read.
    private struct Header {
        var tag: AttributeTag
        var vr: VR
        var length: UInt32
        var headerOffset: Int
    }

    private let buffer: UnsafeRawBufferPointer
    private let options: ParseOptions
    private var explicitVR: Bool
    private var bigEndian: Bool
    /// Current read position in `buffer`.
    private(set) var position: Int
    /// The first damage found; once set, every loop unwinds.
    private(set) var failure: DICOMError?

    init(buffer: UnsafeRawBufferPointer, syntax: TransferSyntax, position: Int, options: ParseOptions) {
        self.buffer = buffer
        self.options = options
        explicitVR = syntax.isExplicitVR
        bigEndian = syntax.isBigEndian
        self.position = position
    }

    // MARK: - Data sets

    /// Parses elements from ``position`` up to `end` (a defined length) or, when `delimited`, up to an
    /// item delimitation item (which is consumed).
    mutating func parseDataSet(end: Int, delimited: Bool, depth: Int, characterSet: SpecificCharacterSet)
        -> DataSet
    {
        var dataSet = DataSet(characterSet: characterSet)
        let selected = depth == 0 ? options.selectedTags : nil
        let lastSelected = selected?.last?.rawValue ?? 0
        var selectedIndex = 0
        while failure == nil {
            if position >= end {
                if delimited { fail(.truncatedElement, at: position) }
                break
            }
            guard let header = readHeader(limit: end) else { break }
            if header.tag == .itemDelimitation {
                if !delimited { fail(.unexpectedDelimiter, at: header.headerOffset, tag: header.tag) }
                break
            }
            if header.tag == .item || header.tag == .sequenceDelimitation {
                fail(.unexpectedDelimiter, at: header.headerOffset, tag: header.tag)
                break
            }
            if depth == 0, header.tag == .pixelData, options.stopAtPixelData {
                dataSet.elements.append(DataElement(tag: header.tag, vr: header.vr, value: .notLoaded,
                                                    valueOffset: position, length: header.length))
                break
            }
            if let selected {
                if header.tag.rawValue > lastSelected { break }
                while selectedIndex < selected.count, selected[selectedIndex] < header.tag { selectedIndex += 1 }
                if selectedIndex == selected.count || selected[selectedIndex] != header.tag {
                    skipValue(header, limit: end, depth: depth)
                    continue
                }
            }
            guard let element = parseValue(header, limit: end, depth: depth, characterSet: dataSet.characterSet) else {
                break
            }
            if element.tag == .specificCharacterSet {
                dataSet.characterSet = SpecificCharacterSet(value: element.bytes)
            }
            dataSet.elements.append(element)
        }
        return dataSet
    }

    // MARK: - Headers

    /// Reads an element header at ``position``; on truncation or a bad VR records the failure and returns nil.
    private mutating func readHeader(limit: Int) -> Header? {
        let start = position
        guard limit - start >= 8 else {
            fail(.truncatedElement, at: start, tag: limit - start >= 4 ? tag(at: start) : nil)
            return nil
        }
        let tag = tag(at: start)
        if tag.group == 0xFFFE {
            position = start + 8
            return Header(tag: tag, vr: .UN, length: u32(at: start + 4), headerOffset: start)
        }
        if !explicitVR {
            position = start + 8
            return Header(tag: tag, vr: Self.implicitVR(for: tag), length: u32(at: start + 4), headerOffset: start)
        }
        let byte0 = buffer[start + 4], byte1 = buffer[start + 5]
        guard let vr = VR(byte0: byte0, byte1: byte1) else {
            fail(.badVR(byte0, byte1), at: start + 4, tag: tag)
            return nil
        }
        if vr.hasLongLength {
            guard limit - start >= 12 else {
                fail(.truncatedElement, at: start, tag: tag)
                return nil
            }
            position = start + 12
            return Header(tag: tag, vr: vr, length: u32(at: start + 8), headerOffset: start)
        }
        position = start + 8
        return Header(tag: tag, vr: vr, length: UInt32(u16(at: start + 6)), headerOffset: start)
    }

    /// The VR an implicit-VR reader assumes: the dictionary's, UL for group lengths, LO for private
    /// creators, UN otherwise (PS3.5 §7.8.1, §A.1).
    static func implicitVR(for tag: AttributeTag) -> VR {
        if tag.isGroupLength { return .UL }
        if tag.isPrivateCreator { return .LO }
        if tag.isPrivate { return .UN }
        return DataDictionary.vr(for: tag) ?? .UN
    }

    // MARK: - Values

    /// Parses the value after `header`; `nil` when its length runs past the data (the failure is recorded).
    private mutating func parseValue(_ header: Header, limit: Int, depth: Int,
                                     characterSet: SpecificCharacterSet) -> DataElement?
    {
        var vr = header.vr
        let undefined = header.length == DataElement.undefinedLength
        if header.tag == .pixelData, undefined {
            return DataElement(tag: header.tag, vr: vr == .UN ? .OB : vr,
                               value: .encapsulated(parseFragments(header, limit: limit)),
                               valueOffset: position, length: header.length)
        }
        if vr == .UN, options.reinterpretUN, !header.tag.isPrivate, let known = DataDictionary.vr(for: header.tag),
           known != .UN
        {
            return parseReinterpretedUN(header, as: known, limit: limit, depth: depth, characterSet: characterSet)
        }
        if vr == .SQ || undefined {
            // Undefined-length UN (and anything else) is a sequence in Implicit VR Little Endian (PS3.5 §6.2.2).
            let implicitItems = vr != .SQ
            let saved = (explicitVR, bigEndian)
            if implicitItems { (explicitVR, bigEndian) = (false, false) }
            defer { (explicitVR, bigEndian) = saved }
            if vr == .UN { vr = .SQ }
            return parseSequence(header, vr: vr, limit: limit, depth: depth, characterSet: characterSet)
        }
        let start = position
        guard Int(header.length) <= limit - start else {
            fail(.lengthBeyondEnd(length: header.length, remaining: limit - start), at: header.headerOffset,
                 tag: header.tag)
            return nil
        }
        position = start + Int(header.length)
        if header.tag == .pixelData, !options.loadBulkData {
            return DataElement(tag: header.tag, vr: vr, value: .notLoaded, valueOffset: start, length: header.length)
        }
        return DataElement(tag: header.tag, vr: vr, value: .bytes(copyValue(from: start, count: Int(header.length), vr: vr)),
                           valueOffset: start, length: header.length)
    }

    /// Copies value bytes, swapping big-endian binary numbers to little endian.
    private func copyValue(from start: Int, count: Int, vr: VR) -> [UInt8] {
        var bytes = Array(UnsafeRawBufferPointer(rebasing: buffer[start ..< start + count]))
        let word = vr.wordSize
        if bigEndian, word > 1 {
            var index = 0
            while index + word <= bytes.count {
                bytes[index ..< index + word].reverse()
                index += word
            }
        }
        return bytes
    }

    private mutating func parseReinterpretedUN(_ header: Header, as known: VR, limit: Int, depth: Int,
                                               characterSet: SpecificCharacterSet) -> DataElement?
    {
        if known == .SQ || header.length == DataElement.undefinedLength {
            // Items of a UN sequence are Implicit VR Little Endian whatever the syntax (PS3.5 §6.2.2).
            let saved = (explicitVR, bigEndian)
            (explicitVR, bigEndian) = (false, false)
            defer { (explicitVR, bigEndian) = saved }
            return parseSequence(header, vr: .SQ, limit: limit, depth: depth, characterSet: characterSet)
        }
        // A plain value keeps the syntax's byte order; copying swaps it for the known VR.
        return parseValue(Header(tag: header.tag, vr: known, length: header.length, headerOffset: header.headerOffset),
                          limit: limit, depth: depth, characterSet: characterSet)
    }

    // MARK: - Sequences

    private mutating func parseSequence(_ header: Header, vr: VR, limit: Int, depth: Int,
                                        characterSet: SpecificCharacterSet) -> DataElement
    {
        let valueOffset = position
        var items: [DataSet] = []
        func element() -> DataElement {
            DataElement(tag: header.tag, vr: vr, value: .sequence(items), valueOffset: valueOffset,
                        length: header.length)
        }
        guard depth < DICOMError.maximumNestingDepth else {
            fail(.nestingTooDeep, at: header.headerOffset, tag: header.tag)
            return element()
        }
        let delimited = header.length == DataElement.undefinedLength
        var end = limit
        if !delimited {
            guard Int(header.length) <= limit - position else {
                fail(.lengthBeyondEnd(length: header.length, remaining: limit - position), at: header.headerOffset,
                     tag: header.tag)
                return element()
            }
            end = position + Int(header.length)
        }
        while failure == nil {
            if !delimited, position >= end { break }
            guard end - position >= 8 else {
                fail(.truncatedElement, at: position, tag: header.tag)
                break
            }
            let itemStart = position
            let itemTag = tag(at: itemStart)
            let itemLength = u32(at: itemStart + 4)
            position = itemStart + 8
            if itemTag == .sequenceDelimitation, delimited { break }
            guard itemTag == .item else {
                fail(.unexpectedDelimiter, at: itemStart, tag: itemTag)
                break
            }
            if itemLength == DataElement.undefinedLength {
                items.append(parseDataSet(end: end, delimited: true, depth: depth + 1, characterSet: characterSet))
            } else {
                guard Int(itemLength) <= end - position else {
                    fail(.lengthBeyondEnd(length: itemLength, remaining: end - position), at: itemStart, tag: itemTag)
                    break
                }
                items.append(parseDataSet(end: position + Int(itemLength), delimited: false, depth: depth + 1,
                                          characterSet: characterSet))
            }
        }
        return element()
    }

    /// Reads the items of encapsulated pixel data up to its sequence delimiter.
    private mutating func parseFragments(_ header: Header, limit: Int) -> EncapsulatedPixelData {
        var fragments: [EncapsulatedPixelData.Fragment] = []
        while failure == nil {
            guard limit - position >= 8 else {
                fail(.truncatedElement, at: position, tag: header.tag)
                break
            }
            let itemStart = position
            let itemTag = tag(at: itemStart)
            let length = u32(at: itemStart + 4)
            position = itemStart + 8
            if itemTag == .sequenceDelimitation { break }
            guard itemTag == .item, length != DataElement.undefinedLength else {
                fail(.unexpectedDelimiter, at: itemStart, tag: itemTag)
                break
            }
            guard Int(length) <= limit - position else {
                fail(.lengthBeyondEnd(length: length, remaining: limit - position), at: itemStart, tag: itemTag)
                break
            }
            let bytes = options.loadBulkData ? copyValue(from: position, count: Int(length), vr: .OB) : nil
            fragments.append(.init(offset: position, length: Int(length), bytes: bytes))
            position += Int(length)
        }
        let table = fragments.first ?? .init(offset: position, length: 0, bytes: options.loadBulkData ? [] : nil)
        return EncapsulatedPixelData(offsetTable: table, fragments: Array(fragments.dropFirst()))
    }

    // MARK: - Skipping

    /// Moves past a value without keeping it: defined lengths jump, delimited values are walked.
    private mutating func skipValue(_ header: Header, limit: Int, depth: Int) {
        if header.length != DataElement.undefinedLength {
            guard Int(header.length) <= limit - position else {
                fail(.lengthBeyondEnd(length: header.length, remaining: limit - position), at: header.headerOffset,
                     tag: header.tag)
                return
            }
            position += Int(header.length)
            return
        }
        if header.tag == .pixelData {
            _ = parseFragments(header, limit: limit)
            return
        }
        let saved = (explicitVR, bigEndian)
        if header.vr != .SQ { (explicitVR, bigEndian) = (false, false) }
        defer { (explicitVR, bigEndian) = saved }
        skipDelimitedSequence(header, limit: limit, depth: depth)
    }

    private mutating func skipDelimitedSequence(_ header: Header, limit: Int, depth: Int) {
        guard depth < DICOMError.maximumNestingDepth else {
            fail(.nestingTooDeep, at: header.headerOffset, tag: header.tag)
            return
        }
        while failure == nil {
            guard limit - position >= 8 else {
                fail(.truncatedElement, at: position, tag: header.tag)
                return
            }
            let itemStart = position
            let itemTag = tag(at: itemStart)
            let itemLength = u32(at: itemStart + 4)
            position = itemStart + 8
            if itemTag == .sequenceDelimitation { return }
            guard itemTag == .item else {
                fail(.unexpectedDelimiter, at: itemStart, tag: itemTag)
                return
            }
            if itemLength != DataElement.undefinedLength {
                guard Int(itemLength) <= limit - position else {
                    fail(.lengthBeyondEnd(length: itemLength, remaining: limit - position), at: itemStart, tag: itemTag)
                    return
                }
                position += Int(itemLength)
                continue
            }
            while failure == nil {
                guard let inner = readHeader(limit: limit) else { return }
                if inner.tag == .itemDelimitation { break }
                if inner.tag.group == 0xFFFE {
                    fail(.unexpectedDelimiter, at: inner.headerOffset, tag: inner.tag)
                    return
                }
                skipValue(inner, limit: limit, depth: depth + 1)
            }
        }
    }

    // MARK: - Bytes

    private mutating func fail(_ kind: DICOMError.Kind, at offset: Int, tag: AttributeTag? = nil) {
        if failure == nil { failure = DICOMError(kind, offset: offset, tag: tag) }
    }

    /// Reads a tag; the caller has checked that 4 bytes are available.
    @inline(__always)
    private func tag(at offset: Int) -> AttributeTag {
        AttributeTag(group: u16(at: offset), element: u16(at: offset + 2))
    }

    @inline(__always)
    private func u16(at offset: Int) -> UInt16 {
        let raw = buffer.loadUnaligned(fromByteOffset: offset, as: UInt16.self)
        return bigEndian ? UInt16(bigEndian: raw) : UInt16(littleEndian: raw)
    }

    @inline(__always)
    private func u32(at offset: Int) -> UInt32 {
        let raw = buffer.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
        return bigEndian ? UInt32(bigEndian: raw) : UInt32(littleEndian: raw)
    }
}
