/// Reads genomic files into ``GenomicFileReport``s: the one entry point the CLI and the catalog use.
///
/// ```swift
/// let report = GenomicInspector(headerOnly: true).inspect(path: "NA12878.bam")
/// print(report.samHeader?.readGroups.map(\.sample) ?? [])
/// ```
/// Never throws: a file that cannot be read fully yields a report with ``GenomicFileReport/error`` set
/// and every fact read before the failure.
public struct GenomicInspector {
    /// Skip the streaming pass over records and read headers (and end markers) only.
    public var headerOnly: Bool

    /// FASTQ has no header: header-only reads sample this many reads for names and quality encoding.
    public static let headerOnlyReads = 1000

    /// Creates an inspector.
    public init(headerOnly: Bool = false) {
        self.headerOnly = headerOnly
    }

    /// Inspects the file at `path`.
    public func inspect(path: String) -> GenomicFileReport {
        inspect(path: path, name: path)
    }

    /// Inspects the file at `path`, named `name` in the report and in its error.
    ///
    /// A lake reads an object from its tier but reports it under the path it was ingested as: the tier's
    /// folders are the lake's own business, and a served lake does not show them to its clients.
    public func inspect(path: String, name: String) -> GenomicFileReport {
        var report = GenomicFileReport(path: name)
        do {
            let source = try ByteSource(path: path)
            read(source, into: &report)
        } catch {
            record(error, in: &report)
            report.error?.path = name
        }
        return report
    }

    /// Inspects bytes already in memory, named `name` in the report.
    public func inspect(bytes: [UInt8], name: String) -> GenomicFileReport {
        var report = GenomicFileReport(path: name)
        read(ByteSource(bytes: bytes), into: &report)
        return report
    }

    private func read(_ source: ByteSource, into report: inout GenomicFileReport) {
        report.storedSize = source.size
        do {
            try readFormat(source, into: &report)
            if !headerOnly { report.integrity.fullyRead = true }
        } catch {
            record(error, in: &report)
        }
        if report.integrity.endMarkerPresent == false { report.integrity.truncated = true }
        summarise(&report)
    }

    private func record(_ error: any Error, in report: inout GenomicFileReport) {
        let typed = (error as? GenomicsError) ?? GenomicsError(.unreadable, detail: String(describing: error))
        report.error = typed.at(path: report.path)
        if typed.reason == .truncated { report.integrity.truncated = true }
    }

    // MARK: - Formats

    private func readFormat(_ source: ByteSource, into report: inout GenomicFileReport) throws {
        let magic = try source.bytes(at: 0, count: 4)
        guard !magic.isEmpty else { throw GenomicsError(.empty, offset: 0, detail: "the file holds no bytes") }
        if magic.starts(with: "CRAM".utf8) {
            report.format = .cram
            report.compression = .plain
            try readCRAM(source, into: &report)
            return
        }
        let inflater = try Inflater(source)
        report.compression = inflater.compression
        if inflater.compression == .bgzf, let size = source.size {
            let tail = try source.bytes(at: size - Int64(BGZFBlock.eofMarker.count), count: BGZFBlock.eofMarker.count)
            report.integrity.endMarkerPresent = tail == BGZFBlock.eofMarker
            if tail != BGZFBlock.eofMarker {
                report.warnings.append("no BGZF EOF block: the file is truncated (samtools quickcheck agrees)")
            }
        }
        let window = ByteWindow(inflater)
        defer {
            if inflater.compression != .plain { report.integrity.compressedBlocks = inflater.blockCount }
            if inflater.trailingGarbage { report.warnings.append("bytes after the last gzip member were ignored") }
        }
        do {
            _ = try window.ensure(8192)
        } catch where window.count > 0 {
            // Sniff from the bytes that did arrive; the reader meets the same damage again, after
            // collecting the facts that precede it.
        }
        guard window.count > 0 else {
            throw GenomicsError(.empty, offset: 0, detail: "the file decompresses to no bytes")
        }
        guard let format = GenomicFormat.sniff(content: window.bytes) else {
            throw GenomicsError(.unsupportedFormat, offset: 0, detail: "the content is not VCF, BCF, SAM, BAM, CRAM, "
                                + "FASTQ or a sample sheet")
        }
        report.format = format
        switch format {
        case .bam: try readBAM(window, into: &report)
        case .sam: try readSAM(window, into: &report)
        case .vcf: try readVCF(window, into: &report)
        case .bcf: try readBCF(window, into: &report)
        case .fastq: try readFASTQ(window, into: &report)
        case .sampleSheet: try readSampleSheet(window, into: &report)
        case .cram: throw GenomicsError(.unsupportedCodec, offset: 0, detail: "a compressed CRAM is not valid")
        }
    }

    private func readBAM(_ window: ByteWindow<Inflater>, into report: inout GenomicFileReport) throws {
        let reader = try BAMReader(window: window) { report.samHeader = $0 }
        report.bamHeader = reader.binaryHeader
        report.warnings += reader.binaryHeader.referenceDisagreements
        guard !headerOnly else { return }
        var stats = FlagStats()
        defer { report.flagStats = stats }
        try reader.accumulate(into: &stats)
    }

    private func readSAM(_ window: ByteWindow<Inflater>, into report: inout GenomicFileReport) throws {
        let reader = try SAMTextReader(window: window)
        report.samHeader = reader.header
        guard !headerOnly else { return }
        var stats = FlagStats()
        defer { report.flagStats = stats }
        try reader.accumulate(into: &stats)
    }

    private func readVCF(_ window: ByteWindow<Inflater>, into report: inout GenomicFileReport) throws {
        let reader = try VCFReader(window: window)
        report.vcfHeader = reader.header
        guard !headerOnly else { return }
        var stats = VariantStats()
        defer {
            report.variantStats = stats
            report.warnings += reader.recordWarnings
        }
        try reader.accumulate(into: &stats)
    }

    private func readBCF(_ window: ByteWindow<Inflater>, into report: inout GenomicFileReport) throws {
        let reader = try BCFReader(window: window)
        report.vcfHeader = reader.header
        report.bcfVersion = reader.version
        guard !headerOnly else { return }
        var stats = VariantStats()
        defer {
            report.variantStats = stats
            report.warnings += reader.recordWarnings
        }
        try reader.accumulate(into: &stats)
    }

    private func readFASTQ(_ window: ByteWindow<Inflater>, into report: inout GenomicFileReport) throws {
        let reader = try FASTQReader(window: window)
        var stats = FASTQStats()
        defer { report.fastqStats = stats }
        if headerOnly {
            try reader.accumulate(into: &stats, limit: GenomicInspector.headerOnlyReads)
        } else {
            try reader.accumulate(into: &stats)
        }
    }

    private func readSampleSheet(_ window: ByteWindow<Inflater>, into report: inout GenomicFileReport) throws {
        let limit = 16 * 1024 * 1024
        while window.count <= limit, try window.fillMore() {}
        guard window.count <= limit else {
            throw GenomicsError(.tooLarge, offset: 0, detail: "a sample sheet larger than 16 MiB")
        }
        report.sampleSheet = try SampleSheet(text: String(decoding: window.bytes, as: UTF8.self))
    }

    private func readCRAM(_ source: ByteSource, into report: inout GenomicFileReport) throws {
        let reader = try CRAMReader(source: source)
        report.samHeader = reader.header
        defer { report.cram = reader.facts }
        if headerOnly {
            report.cram = reader.facts
            report.integrity.endMarkerPresent = try CRAMReader.endsWithEOFContainer(source)
            return
        }
        do {
            try reader.countContainers()
        } catch {
            report.integrity.endMarkerPresent = false
            throw error
        }
        report.integrity.endMarkerPresent = reader.facts.eofContainer
        if !reader.facts.eofContainer { report.warnings.append("no CRAM EOF container: the file is truncated") }
    }
}

// MARK: - Conformances

extension GenomicInspector: Sendable {}
