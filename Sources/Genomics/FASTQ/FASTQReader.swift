/// Reads FASTQ (plain or gzip) in one streaming pass for ``FASTQStats``.
/// - warning: **Not thread-safe.**
public final class FASTQReader {
    private let window: ByteWindow<Inflater>
    private var lineNumber = 0
    private var mateConsistent = true

    init(window: ByteWindow<Inflater>) throws {
        self.window = window
        guard try window.ensure(1) else {
            throw GenomicsError(.empty, offset: 0, detail: "the FASTQ holds no bytes")
        }
    }

    /// Counts up to `limit` reads into `stats`; on error, `stats` keeps the reads counted so far.
    public func accumulate(into stats: inout FASTQStats, limit: Int = .max) throws {
        while stats.reads < limit, let header = try window.nextLine() {
            lineNumber += 1
            if header.isEmpty { continue }
            guard header[0] == 0x40 else { throw malformed("a read header does not start with '@'") }
            let name = Substring(String(decoding: header.dropFirst(), as: UTF8.self))
            noteName(name, into: &stats)
            guard let sequence = try window.nextLine() else { throw truncated() }
            lineNumber += 1
            let length = sequence.count
            var gc = 0
            for base in sequence {
                let lower = base | 0x20
                if lower == 0x67 || lower == 0x63 || lower == 0x73 { gc += 1 }
            }
            guard let plus = try window.nextLine() else { throw truncated() }
            lineNumber += 1
            guard plus.first == 0x2b else { throw malformed("the third line of a read does not start with '+'") }
            guard let quality = try window.nextLine() else { throw truncated() }
            lineNumber += 1
            guard quality.count == length else {
                throw malformed("a read's quality length differs from its sequence length")
            }
            var low: UInt8 = 255
            var high: UInt8 = 0
            for byte in quality {
                low = min(low, byte)
                high = max(high, byte)
            }
            stats.reads += 1
            stats.bases += length
            stats.gcBases += gc
            stats.minimumLength = min(stats.minimumLength ?? length, length)
            stats.maximumLength = max(stats.maximumLength ?? length, length)
            if length > 0 {
                stats.minimumQualityByte = min(stats.minimumQualityByte ?? low, low)
                stats.maximumQualityByte = max(stats.maximumQualityByte ?? high, high)
            }
        }
    }

    private func noteName(_ name: Substring, into stats: inout FASTQStats) {
        let parsed = IlluminaReadName(name)
        if stats.reads == 0 { stats.firstReadName = parsed }
        guard mateConsistent else { return }
        let identifier = name.split(separator: " ", maxSplits: 1).first ?? name
        let mate = parsed?.mate ?? IlluminaReadName.slashMate(identifier)
        if stats.reads == 0 {
            stats.mateFromNames = mate
        } else if stats.mateFromNames != mate {
            stats.mateFromNames = nil
            mateConsistent = false
        }
    }

    private func malformed(_ detail: String) -> GenomicsError {
        GenomicsError.malformedRecord(at: window.producer.storedOffset, field: "line \(lineNumber)", detail)
    }

    private func truncated() -> GenomicsError {
        GenomicsError.truncated(at: window.producer.storedOffset, field: "line \(lineNumber)",
                                "the file ends inside a read")
    }
}
