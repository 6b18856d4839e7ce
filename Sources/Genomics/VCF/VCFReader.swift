/// Reads VCF text (plain, gzip or BGZF): the header, then a streaming pass for ``VariantStats``.
///
/// Tolerates what real files do, with a warning each: a `#CHROM` line separated by spaces, records on
/// contigs the header does not declare, and records with more columns than the header's samples.
/// - warning: **Not thread-safe.**
public final class VCFReader {
    /// The header, read by the initializer.
    public let header: VCFHeader
    /// Warnings found while streaming records.
    public private(set) var recordWarnings: [String] = []

    private let window: ByteWindow<Inflater>
    private var lineNumber = 0
    private var extraColumnRecords = 0
    private var undeclaredContigs: [String] = []

    /// Reads the header lines from `window`.
    init(window: ByteWindow<Inflater>) throws {
        self.window = window
        var header = VCFHeader()
        var lineNumber = 0
        guard try window.ensure(1) else {
            throw GenomicsError(.empty, offset: 0, detail: "the VCF holds no bytes")
        }
        while try window.ensure(1), window.bytes[0] == 0x23, let line = try window.nextLine() {
            lineNumber += 1
            header.add(line: Substring(String(decoding: line, as: UTF8.self)))
            if header.hasColumnHeader { break }
        }
        if !(header.fileFormat?.hasPrefix("VCF") ?? false) {
            header.warnings.append("the first line is not ##fileformat=VCFv4.x")
        }
        if !header.hasColumnHeader { header.warnings.append("the header has no #CHROM line") }
        self.lineNumber = lineNumber
        self.header = header
    }

    /// Counts every remaining record into `stats`; on error, `stats` keeps the records counted so far.
    public func accumulate(into stats: inout VariantStats) throws {
        let expectedColumns = header.samples.isEmpty ? 8 : 9 + header.samples.count
        let declared = Set(header.contigs.map(\.id))
        var lastContig: Int?
        var knownContigCount = 0
        defer { finishWarnings() }
        while let line = try window.nextLine() {
            lineNumber += 1
            if line.isEmpty { continue }
            let fields = LineFields(line)
            guard let contig = fields[0], let reference = fields[3], let alternates = fields[4],
                  let filter = fields[6] else {
                throw GenomicsError.malformedRecord(at: window.producer.storedOffset, field: "line \(lineNumber)",
                                                    "a VCF record has fewer than 8 columns")
            }
            if fields.columnCount > expectedColumns { extraColumnRecords += 1 }
            stats.addContig(contig, lastIndex: &lastContig)
            if stats.perContig.count > knownContigCount {
                knownContigCount = stats.perContig.count
                if let name = stats.perContig.last?.contig, !declared.contains(name) {
                    undeclaredContigs.append(name)
                }
            }
            var classifier = VariantStats.Classifier(referenceLength: reference.count)
            classifier.add(alternates: alternates)
            stats.add(classifier.result, passed: filter.elementsEqual("PASS".utf8))
        }
    }

    private func finishWarnings() {
        recordWarnings = []
        if extraColumnRecords > 0 {
            recordWarnings.append("\(extraColumnRecords) records have more columns than the header has samples")
        }
        if !undeclaredContigs.isEmpty {
            recordWarnings.append("records use \(undeclaredContigs.count) contigs the header does not declare")
        }
    }
}
