extension GenomicFormat {
    /// Tells the format from a file's first bytes (compressed or not), ignoring its name.
    ///
    /// Give at least the first 64 KiB so a whole BGZF block can be inflated. Returns nil for content that is
    /// none of the formats (the catalog's ingest then tries other readers).
    public static func sniff(bytes: [UInt8]) -> GenomicFormat? {
        sniff(ByteSource(bytes: bytes))
    }

    /// Tells the format of the file at `path` from its first bytes.
    /// - Throws: ``GenomicsError`` when the file cannot be opened.
    public static func sniff(path: String) throws -> GenomicFormat? {
        sniff(try ByteSource(path: path))
    }

    static func sniff(_ source: ByteSource) -> GenomicFormat? {
        guard let raw = try? source.bytes(at: 0, count: 4), !raw.isEmpty else { return nil }
        if raw.starts(with: [0x43, 0x52, 0x41, 0x4d]) { return .cram }
        guard let inflater = try? Inflater(source) else { return nil }
        let window = ByteWindow(inflater)
        _ = try? window.ensure(8192)
        return sniff(content: window.bytes)
    }

    /// Tells the format from decompressed leading content.
    static func sniff(content: UnsafeRawBufferPointer) -> GenomicFormat? {
        func starts(_ text: String) -> Bool { content.starts(with: text.utf8) }
        if starts("BAM\u{1}") { return .bam }
        if starts("BCF\u{2}") { return .bcf }
        if starts("##fileformat=VCF") || starts("#CHROM\t") { return .vcf }
        for tag in ["@HD\t", "@SQ\t", "@RG\t", "@PG\t", "@CO\t"] where starts(tag) { return .sam }
        let lines = content.split(separator: 0x0a, maxSplits: 4, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        guard let first = lines.first else { return nil }
        if first.hasPrefix("@"), lines.count >= 3, lines[2].hasPrefix("+") { return .fastq }
        if first.hasPrefix("[Header]") { return .sampleSheet }
        let lowered = first.lowercased()
        if lowered.contains(","), lowered.split(separator: ",").contains(where: { $0.contains("sample") }) {
            return .sampleSheet
        }
        let columns = first.split(separator: "\t", omittingEmptySubsequences: false)
        if columns.count >= 11, Int(columns[1]) != nil, Int(columns[3]) != nil { return .sam }
        return nil
    }
}
