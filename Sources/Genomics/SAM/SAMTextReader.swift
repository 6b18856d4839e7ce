/// Reads SAM text (plain or gzip, `\n` or `\r\n`): the `@` header lines, then records for ``FlagStats``.
/// - warning: **Not thread-safe.**
public final class SAMTextReader {
    /// The header, read by the initializer.
    public let header: SAMHeader
    /// The records counted so far.
    public private(set) var recordCount = 0

    private let window: ByteWindow<Inflater>
    private var lineNumber = 0

    /// Reads the header lines from `window`.
    init(window: ByteWindow<Inflater>) throws {
        self.window = window
        var header = SAMHeader()
        var lineNumber = 0
        while try window.ensure(1), window.bytes[0] == 0x40, let line = try window.nextLine() {
            lineNumber += 1
            header.add(line: Substring(String(decoding: line, as: UTF8.self)))
        }
        self.lineNumber = lineNumber
        self.header = header
    }

    /// Counts every remaining record into `stats`; on error, `stats` keeps the records counted so far.
    public func accumulate(into stats: inout FlagStats) throws {
        while let line = try window.nextLine() {
            lineNumber += 1
            if line.isEmpty { continue }
            try count(line, into: &stats)
            recordCount += 1
        }
    }

    /// Counts one record line from its FLAG, RNAME, MAPQ and RNEXT columns.
    private func count(_ line: UnsafeRawBufferPointer, into stats: inout FlagStats) throws {
        let fields = LineFields(line)
        guard fields.columnCount >= 11, let flagText = fields[1], let reference = fields[2],
              let mapqText = fields[4], let mate = fields[6] else {
            throw GenomicsError.malformedRecord(at: window.producer.storedOffset, field: "line \(lineNumber)",
                                                "a SAM record has fewer than 11 columns")
        }
        guard let flag = Self.decimal(flagText), flag <= 0xFFFF, let mapq = Self.decimal(mapqText), mapq <= 255 else {
            throw GenomicsError.malformedRecord(at: window.producer.storedOffset, field: "line \(lineNumber)",
                                                "FLAG or MAPQ is not a number in range")
        }
        let sameReference = (mate.count == 1 && mate[0] == 0x3d) || mate.elementsEqual(reference)
        stats.add(flag: UInt16(flag), mapq: UInt8(mapq), mateOnOtherReference: !sameReference)
    }

    private static func decimal(_ text: UnsafeRawBufferPointer) -> Int? {
        guard !text.isEmpty, text.count <= 9 else { return nil }
        var value = 0
        for byte in text {
            let digit = Int(byte) - 0x30
            guard digit >= 0, digit <= 9 else { return nil }
            value = value * 10 + digit
        }
        return value
    }
}
