/// Rewrites the sample names of a VCF (plain, gzip or BGZF) in its header, leaving every record as is.
///
/// De-identification uses it to make the curated copy of a VCF: the `#CHROM` line's sample columns and
/// `##SAMPLE=<ID=…>` lines get the names `rename` returns, and `##PEDIGREE` lines (which relate samples
/// by name) are dropped. Compressed input is written back as BGZF (so indexes can be rebuilt), plain
/// input as plain text. The whole file is held in memory: the limit is ``maximumSize``.
public enum VCFSampleRewriter {
    /// The largest decompressed VCF rewritten in memory (4 GiB).
    public static let maximumSize = 4 << 30

    /// True when `bytes` start like gzip or BGZF.
    public static func isCompressed(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
    }

    /// The VCF with its sample names replaced.
    /// - Throws: ``GenomicsError`` for damaged compression, a missing `#CHROM` line or an oversized file.
    public static func rewrite(_ bytes: [UInt8], rename: (String) -> String) throws -> [UInt8] {
        let compressed = isCompressed(bytes)
        let text = compressed ? try WholeInflater.inflate(bytes, limit: maximumSize, what: "VCF") : bytes
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        var start = 0
        var sawColumns = false
        while start < text.count {
            let end = text[start...].firstIndex(of: 0x0A).map { $0 + 1 } ?? text.count
            let line = text[start..<end]
            if sawColumns || line.first != 0x23 {
                if !sawColumns {
                    throw GenomicsError(.malformedHeader, offset: Int64(start), field: "#CHROM", detail: "no #CHROM line before the records")
                }
                output += text[start...]
                break
            }
            let content = String(decoding: line, as: UTF8.self)
            if content.hasPrefix("#CHROM") {
                sawColumns = true
                output += Array(renameColumns(content, rename).utf8)
            } else if content.hasPrefix("##SAMPLE=<ID=") {
                output += Array(renameSampleLine(content, rename).utf8)
            } else if !content.hasPrefix("##PEDIGREE") {
                output += line
            }
            start = end
        }
        guard sawColumns else {
            throw GenomicsError(.malformedHeader, field: "#CHROM", detail: "the header has no #CHROM line")
        }
        return compressed ? try BGZFWriter.compress(output) : output
    }

    // MARK: - Lines

    private static func renameColumns(_ line: String, _ rename: (String) -> String) -> String {
        let ending = line.hasSuffix("\r\n") ? "\r\n" : line.hasSuffix("\n") ? "\n" : ""
        var columns = line.dropLast(ending.count).split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        for index in columns.indices where index >= 9 { columns[index] = rename(columns[index]) }
        return columns.joined(separator: "\t") + ending
    }

    private static func renameSampleLine(_ line: String, _ rename: (String) -> String) -> String {
        let prefix = "##SAMPLE=<ID="
        let rest = line.dropFirst(prefix.count)
        let end = rest.firstIndex { $0 == "," || $0 == ">" } ?? rest.endIndex
        return prefix + rename(String(rest[..<end])) + rest[end...]
    }
}
