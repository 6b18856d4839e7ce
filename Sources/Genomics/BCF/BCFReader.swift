/// Reads BCF 2.x (VCFv4.3 §6): the magic, the header text, then every record for ``VariantStats``.
///
/// Records are walked in place in the inflated window: `CHROM` indexes the header's contig dictionary,
/// alleles are typed strings and `FILTER` a typed integer vector where index 0 is `PASS`.
/// - warning: **Not thread-safe.**
public final class BCFReader {
    /// The header, read by the initializer.
    public let header: VCFHeader
    /// The format version, e.g. `2.2`.
    public let version: String
    /// Warnings found while streaming records.
    public private(set) var recordWarnings: [String] = []

    private let window: ByteWindow<Inflater>
    private var recordNumber = 0

    /// Reads the magic and the header from `window`.
    init(window: ByteWindow<Inflater>) throws {
        self.window = window
        guard try window.ensure(9) else {
            throw GenomicsError.truncated(at: 0, field: "magic", "the file ends inside the BCF magic")
        }
        guard window.bytes.starts(with: "BCF\u{2}".utf8) else { throw GenomicsError.badMagic(at: 0, "expected BCF\\2") }
        version = "2.\(window.bytes[4])"
        let textLength = Int(window.pointer.loadUnaligned(fromByteOffset: 5, as: UInt32.self).littleEndian)
        window.consume(9)
        guard try window.ensure(textLength) else {
            throw GenomicsError.truncated(at: window.producer.storedOffset, field: "l_text",
                                          "the header text needs \(textLength) bytes")
        }
        let text = UnsafeRawBufferPointer(start: window.pointer, count: textLength)
        header = VCFHeader(text: String(decoding: text.prefix { $0 != 0 }, as: UTF8.self))
        window.consume(textLength)
    }

    /// Counts every remaining record into `stats`; on error, `stats` keeps the records counted so far.
    public func accumulate(into stats: inout VariantStats) throws {
        let contigNames = contigDictionary()
        var lastContig: Int?
        var undeclared = 0
        defer {
            recordWarnings = undeclared > 0 ? ["\(undeclared) records name a contig index the header lacks"] : []
        }
        while true {
            if window.count < 8, try !window.ensure(8) {
                if window.count == 0 { return }
                throw GenomicsError.truncated(at: window.producer.storedOffset, field: "l_shared",
                                              "the file ends inside record \(recordNumber + 1)")
            }
            let shared = Int(window.pointer.loadUnaligned(as: UInt32.self).littleEndian)
            let individual = Int(window.pointer.loadUnaligned(fromByteOffset: 4, as: UInt32.self).littleEndian)
            guard shared >= 24 else {
                throw GenomicsError.badBlockSize(at: window.producer.storedOffset, field: "l_shared",
                                                 "record \(recordNumber + 1) has l_shared \(shared)")
            }
            let total = 8 + shared + individual
            if window.count < total, try !window.ensure(total) {
                throw GenomicsError.truncated(at: window.producer.storedOffset, field: "l_shared",
                                              "record \(recordNumber + 1) needs \(shared + individual) bytes")
            }
            let record = UnsafeRawBufferPointer(start: window.pointer + 8, count: shared)
            let contig = Int(record.loadUnaligned(as: Int32.self).littleEndian)
            if contig >= 0, contig < contigNames.count {
                contigNames[contig].utf8.withContiguousStorageIfAvailable {
                    stats.addContig(UnsafeRawBufferPointer($0), lastIndex: &lastContig)
                }
            } else {
                undeclared += 1
                let name = Array("#\(contig)".utf8)
                name.withUnsafeBytes { stats.addContig($0, lastIndex: &lastContig) }
            }
            let (variantClass, isPass) = try classify(record)
            stats.add(variantClass, passed: isPass)
            recordNumber += 1
            window.consume(total)
        }
    }

    /// Contig names by BCF dictionary index: `IDX` when given, else header order.
    private func contigDictionary() -> [String] {
        var names = header.contigs.map(\.id)
        let indexed = header.contigs.compactMap { contig in contig.index.map { ($0, contig.id) } }
        if indexed.count == header.contigs.count, let largest = indexed.map(\.0).max(), largest < 1 << 20 {
            names = Array(repeating: "", count: largest + 1)
            for (index, name) in indexed where index >= 0 { names[index] = name }
        }
        return names
    }

    private func classify(_ record: UnsafeRawBufferPointer) throws -> (VariantStats.VariantClass, Bool) {
        let alleleCount = Int(record.loadUnaligned(fromByteOffset: 16, as: UInt32.self).littleEndian >> 16)
        var cursor = 24
        _ = try typedValue(record, &cursor)
        var classifier = VariantStats.Classifier(referenceLength: 0)
        for index in 0..<alleleCount {
            let allele = try typedValue(record, &cursor).bytes
            if index == 0 {
                classifier = VariantStats.Classifier(referenceLength: allele.count)
            } else {
                classifier.add(allele)
            }
        }
        let filter = try typedValue(record, &cursor)
        let isPass = filter.count == 1 && filter.bytes.first == 0 && filter.bytes.allSatisfy { $0 == 0 }
        return (classifier.result, isPass)
    }

    /// Reads one typed value at `cursor`: its element count and its raw bytes.
    private func typedValue(_ record: UnsafeRawBufferPointer, _ cursor: inout Int) throws
        -> (count: Int, bytes: UnsafeRawBufferPointer) {
        func malformed() -> GenomicsError {
            GenomicsError.malformedRecord(at: window.producer.storedOffset, field: "typed value",
                                          "record \(recordNumber + 1) has a typed value past l_shared")
        }
        guard cursor < record.count else { throw malformed() }
        let descriptor = record[cursor]
        cursor += 1
        var count = Int(descriptor >> 4)
        if count == 15 {
            let (lengthCount, lengthBytes) = try typedValue(record, &cursor)
            guard lengthCount == 1 else { throw malformed() }
            switch lengthBytes.count {
            case 1: count = Int(Int8(bitPattern: lengthBytes[0]))
            case 2: count = Int(lengthBytes.loadUnaligned(as: Int16.self).littleEndian)
            case 4: count = Int(lengthBytes.loadUnaligned(as: Int32.self).littleEndian)
            default: throw malformed()
            }
            guard count >= 0 else { throw malformed() }
        }
        let width: Int
        switch descriptor & 0x0f {
        case 0, 1, 7: width = 1
        case 2: width = 2
        case 3, 5: width = 4
        default: throw malformed()
        }
        let size = count * width
        guard size <= record.count - cursor else { throw malformed() }
        let bytes = UnsafeRawBufferPointer(rebasing: record[cursor..<(cursor + size)])
        cursor += size
        return (count, bytes)
    }
}
