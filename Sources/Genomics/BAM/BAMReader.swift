/// Reads a BAM file (SAMv1 §4.2): its header, then every alignment record's flags for ``FlagStats``.
///
/// The record walk reads `block_size`, `refID`, `MAPQ`, `FLAG` and `next_refID` in place from the inflated
/// window with unaligned loads: no allocation per record, which keeps the pass as fast as inflating.
/// - warning: **Not thread-safe.**
public final class BAMReader {
    /// The header text, read by the initializer.
    public let header: SAMHeader
    /// The binary header facts, read by the initializer.
    public let binaryHeader: BAMHeader
    /// The records counted so far.
    public private(set) var recordCount = 0

    let window: ByteWindow<Inflater>

    /// Reads the header from `window`; `textRead` receives the header text as soon as it is parsed, so
    /// a caller keeps it when the binary reference list that follows is damaged.
    init(window: ByteWindow<Inflater>, textRead: (SAMHeader) -> Void = { _ in }) throws {
        self.window = window
        (header, binaryHeader) = try BAMReader.readHeader(window, textRead: textRead)
    }

    /// Counts every remaining record into `stats`; on error, `stats` keeps the records counted so far.
    public func accumulate(into stats: inout FlagStats) throws {
        let window = self.window
        var count = 0
        defer { recordCount += count }
        while true {
            if window.count < 4, try !window.ensure(4) {
                if window.count == 0 { return }
                throw GenomicsError.truncated(at: window.producer.storedOffset, field: "block_size",
                                              "the file ends inside record \(recordCount + count + 1)")
            }
            let blockSize = Int(window.pointer.loadUnaligned(as: Int32.self).littleEndian)
            guard blockSize >= 32 else {
                throw GenomicsError.badBlockSize(at: window.producer.storedOffset, field: "block_size",
                                                 "record \(recordCount + count + 1) has block_size \(blockSize)")
            }
            let total = blockSize + 4
            if window.count < total, try !window.ensure(total) {
                throw GenomicsError.truncated(at: window.producer.storedOffset, field: "block_size",
                                              "record \(recordCount + count + 1) needs \(blockSize) bytes")
            }
            let record = window.pointer + 4
            let nameLength = Int(record.load(fromByteOffset: 8, as: UInt8.self))
            let cigarCount = Int(record.loadUnaligned(fromByteOffset: 12, as: UInt16.self).littleEndian)
            let sequenceLength = Int(record.loadUnaligned(fromByteOffset: 16, as: Int32.self).littleEndian)
            guard nameLength >= 1, sequenceLength >= 0,
                  32 + nameLength + 4 * cigarCount + (sequenceLength + 1) / 2 + sequenceLength <= blockSize
            else {
                throw GenomicsError.malformedRecord(at: window.producer.storedOffset, field: "l_seq",
                                                    "record \(recordCount + count + 1) fields overrun block_size")
            }
            let referenceID = record.loadUnaligned(as: Int32.self)
            let mapq = record.load(fromByteOffset: 9, as: UInt8.self)
            let flag = record.loadUnaligned(fromByteOffset: 14, as: UInt16.self).littleEndian
            let mateReferenceID = record.loadUnaligned(fromByteOffset: 20, as: Int32.self)
            stats.add(flag: flag, mapq: mapq, mateOnOtherReference: referenceID != mateReferenceID)
            count += 1
            window.consume(total)
        }
    }

    // MARK: - Header

    private static func readHeader(_ window: ByteWindow<Inflater>, textRead: (SAMHeader) -> Void) throws
        -> (SAMHeader, BAMHeader) {
        guard try window.ensure(4) else {
            throw window.count == 0 ? GenomicsError(.empty, offset: 0, detail: "the BAM holds no bytes")
                : GenomicsError.truncated(at: 0, field: "magic", "the file ends inside the magic")
        }
        guard window.bytes.starts(with: [0x42, 0x41, 0x4d, 0x01]) else {
            throw GenomicsError.badMagic(at: 0, "expected BAM\\1")
        }
        window.consume(4)
        let textLength = try readInt32(window, field: "l_text")
        guard textLength >= 0 else {
            throw GenomicsError.badBlockSize(at: window.producer.storedOffset, field: "l_text",
                                             "negative header length \(textLength)")
        }
        guard try window.ensure(Int(textLength)) else {
            throw GenomicsError.truncated(at: window.producer.storedOffset, field: "l_text",
                                          "the header text needs \(textLength) bytes")
        }
        let textBytes = UnsafeRawBufferPointer(start: window.pointer, count: Int(textLength))
        let nulIndex = textBytes.firstIndex(of: 0)
        let text = String(decoding: textBytes[..<(nulIndex ?? textBytes.endIndex)], as: UTF8.self)
        window.consume(Int(textLength))
        let samHeader = SAMHeader(text: text)
        textRead(samHeader)

        let referenceCount = try readInt32(window, field: "n_ref")
        guard referenceCount >= 0 else {
            throw GenomicsError.badBlockSize(at: window.producer.storedOffset, field: "n_ref",
                                             "negative reference count \(referenceCount)")
        }
        var references: [BAMHeader.Reference] = []
        for _ in 0..<referenceCount {
            let nameLength = try readInt32(window, field: "l_name")
            guard nameLength >= 1 else {
                throw GenomicsError.badBlockSize(at: window.producer.storedOffset, field: "l_name",
                                                 "reference name length \(nameLength)")
            }
            guard try window.ensure(Int(nameLength)) else {
                throw GenomicsError.truncated(at: window.producer.storedOffset, field: "name",
                                              "the file ends inside reference \(references.count + 1)")
            }
            let nameBytes = UnsafeRawBufferPointer(start: window.pointer, count: Int(nameLength))
            let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
            window.consume(Int(nameLength))
            let length = try readInt32(window, field: "l_ref")
            references.append(BAMHeader.Reference(name: name, length: Int64(length)))
        }
        return (samHeader, BAMHeader(textLength: Int(textLength), paddedWithNULs: nulIndex != nil,
                         references: references,
                                     referenceDisagreements: disagreements(samHeader.references, references)))
    }

    private static func readInt32(_ window: ByteWindow<Inflater>, field: String) throws -> Int32 {
        guard try window.ensure(4) else {
            throw GenomicsError.truncated(at: window.producer.storedOffset, field: field,
                                          "the file ends before \(field)")
        }
        let value = window.pointer.loadUnaligned(as: Int32.self).littleEndian
        window.consume(4)
        return value
    }

    private static func disagreements(_ text: [SAMReference], _ binary: [BAMHeader.Reference]) -> [String] {
        guard !text.isEmpty else { return [] }
        var found: [String] = []
        if text.count != binary.count {
            found.append("the text has \(text.count) @SQ lines, the binary list \(binary.count) references")
        }
        for (index, (line, entry)) in zip(text, binary).enumerated() {
            if line.name != entry.name {
                found.append("reference \(index + 1) is named differently in the text and the binary list")
            } else if let length = line.length, length != entry.length {
                found.append("reference \(line.name) has LN \(length) but binary length \(entry.length)")
            }
        }
        return found
    }
}
