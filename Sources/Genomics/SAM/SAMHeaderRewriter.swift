/// Rewrites the sample-identifying parts of a SAM or BAM header in a derived copy, leaving every
/// alignment record as it was.
///
/// What changes, per SAMv1 §1.3 (the header's tags):
/// - `@RG SM` (the sample) becomes the name `rename` returns;
/// - `@RG DS` (free-text description), `DT` (run date) and `CN` (sequencing centre, an institution) are
///   dropped: they can identify the patient, the visit or the site, and no tool needs them;
/// - `@CO` comment lines are dropped (free text);
/// - any other header text that spells a sample name (`LB` libraries, `@PG CL` command lines…) has it
///   replaced with the pseudonym;
/// - `@RG PU`, `PL`, `PM` (platform unit, platform, model) are kept: they name instruments and runs, not
///   people, and duplicate marking needs them.
/// `@RG ID` is kept because every record's `RG:Z` tag refers to it; an ID that contains the sample name
/// is refused (``GenomicsError/Reason/malformedHeader``) rather than copied, since rewriting it would mean
/// rewriting every record.
///
/// SAM stays text; BAM is inflated, its header replaced (with its new length) and everything after it
/// — references and records — copied, then re-emitted as BGZF blocks ending with the EOF marker. Files
/// are held in memory up to ``maximumSize``.
public enum SAMHeaderRewriter {
    /// The largest decompressed BAM or SAM rewritten in memory (4 GiB).
    public static let maximumSize = 4 << 30

    /// A SAM file with its header rewritten.
    public static func rewriteSAM(_ bytes: [UInt8], rename: (String) -> String) throws -> [UInt8] {
        var end = 0
        while end < bytes.count, bytes[end] == 0x40 {
            end = bytes[end...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
        }
        let header = try rewriteHeader(String(decoding: bytes[0..<end], as: UTF8.self), rename: rename)
        return Array(header.utf8) + bytes[end...]
    }

    /// A BAM file (BGZF) with its header text rewritten, as BGZF.
    public static func rewriteBAM(_ bytes: [UInt8], rename: (String) -> String) throws -> [UInt8] {
        let data = try WholeInflater.inflate(bytes, limit: maximumSize, what: "BAM")
        guard data.count >= 8, data[0..<4].elementsEqual([0x42, 0x41, 0x4D, 0x01]) else {
            throw GenomicsError(.badMagic, offset: 0, field: "magic", detail: "not a BAM file (no BAM\\1 magic)")
        }
        let textLength = Int(Int32(bitPattern: data[4..<8].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }))
        guard textLength >= 0, textLength <= data.count - 8 else {
            throw GenomicsError(
                .malformedHeader, offset: 4, field: "l_text", detail: "header length \(textLength) exceeds the file")
        }
        var text = data[8..<(8 + textLength)]
        while text.last == 0 { text = text.dropLast() }
        let header = Array(try rewriteHeader(String(decoding: text, as: UTF8.self), rename: rename).utf8)
        var output: [UInt8] = [0x42, 0x41, 0x4D, 0x01]
        output.reserveCapacity(data.count + header.count)
        output += (0..<4).map { UInt8(truncatingIfNeeded: UInt32(header.count) >> (8 * $0)) }
        output += header
        output += data[(8 + textLength)...]
        return try BGZFWriter.compress(output)
    }

    /// The header text with samples renamed and identifying fields and comments dropped.
    static func rewriteHeader(_ text: String, rename: (String) -> String) throws -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var samples: [String] = []
        for line in lines where line.hasPrefix("@RG\t") {
            for field in line.split(separator: "\t") where field.hasPrefix("SM:") {
                let name = String(field.dropFirst(3))
                if !name.isEmpty, !samples.contains(name) { samples.append(name) }
            }
        }
        let renamed = samples.sorted { $0.count > $1.count }.map { ($0, rename($0)) }
        func scrub(_ value: String) -> String {
            renamed.reduce(value) { text, pair in text.replacing(pair.0, with: pair.1) }
        }
        var output: [String] = []
        for (index, line) in lines.enumerated() {
            if line.hasPrefix("@CO") { continue }
            guard line.hasPrefix("@RG\t") else {
                output.append(line.hasPrefix("@SQ\t") ? line : scrub(line))
                continue
            }
            var fields: [String] = []
            for field in line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) {
                switch field.prefix(3) {
                case "SM:": fields.append("SM:" + rename(String(field.dropFirst(3))))
                case "DS:", "DT:", "CN:": continue
                case "ID:":
                    if renamed.contains(where: { $0.0.count >= 3 && field.contains($0.0) }) {
                        throw GenomicsError(
                            .malformedHeader, field: "@RG ID",
                            detail: "header line \(index + 1): the read group ID contains the sample name and "
                                + "records refer to it")
                    }
                    fields.append(field)
                default: fields.append(scrub(field))
                }
            }
            output.append(fields.joined(separator: "\t"))
        }
        return output.joined(separator: "\n")
    }
}
