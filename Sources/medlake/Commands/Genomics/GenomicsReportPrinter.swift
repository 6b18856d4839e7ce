import Foundation
import Genomics
import TUI

/// Renders ``GenomicFileReport``s as aligned text; every string from a file goes through `SafeText`.
enum GenomicsReportPrinter {
    /// How many list items (references, contigs) are shown before "… and N more".
    static let listLimit = 8

    static func write(_ report: GenomicFileReport, to output: inout String) {
        output += safe(report.path) + "\n"
        var format = report.format?.rawValue ?? "unknown"
        var storage: [String] = []
        if let compression = report.compression { storage.append(compression.rawValue) }
        if let size = report.storedSize { storage.append("\(size) bytes") }
        if let version = report.cram?.version { format += " \(version)" }
        if let version = report.bcfVersion { format += " \(version)" }
        if let version = report.vcfHeader?.fileFormat { format += " (\(safe(version)))" }
        line("format", format + (storage.isEmpty ? "" : " · " + storage.joined(separator: ", ")), &output)
        line("integrity", integrity(report), &output)
        if let header = report.samHeader { writeSAM(header, report, &output) }
        if let header = report.vcfHeader { writeVCF(header, &output) }
        if let cram = report.cram {
            line("cram", "file id \(safe(cram.fileID)) · header codec \(cram.headerCodec ?? "?") · "
                 + "\(cram.containers) containers · \(cram.records) records", &output)
        }
        if let reference = report.reference {
            let name = reference.build + (reference.flavor.map { " (\($0))" } ?? "")
            line("reference", name + (reference.inferred ? " inferred from " : " stated: ") + safe(reference.evidence),
                 &output)
        }
        if !report.samples.isEmpty { line("samples", list(report.samples.map(safe)), &output) }
        if let stats = report.flagStats { writeFlagStats(stats, &output) }
        if let stats = report.variantStats { writeVariants(stats, &output) }
        if let stats = report.fastqStats { writeFASTQ(stats, sampledOnly: !report.integrity.fullyRead, &output) }
        if let sheet = report.sampleSheet { line("sheet rows", "\(sheet.rows.count)", &output) }
        for warning in report.warnings { line("warning", safe(warning), &output) }
        if let error = report.error { line("error", safe(error.description), &output) }
        output += "\n"
    }

    static func write(_ samples: [GenomicSample], to output: inout String) {
        guard !samples.isEmpty else { return }
        output += "samples across files\n"
        for sample in samples {
            var facts: [String] = []
            if let assay = sample.assay { facts.append("assay \(assay)") }
            if let platform = sample.platform { facts.append("platform \(safe(platform))") }
            if let reference = sample.reference { facts.append("reference \(reference.build)") }
            if let aligner = sample.aligner { facts.append("aligner \(safe(aligner))") }
            if let caller = sample.variantCaller { facts.append("caller \(safe(caller))") }
            facts.append("\(sample.files.count) file(s): " + sample.formats.map(\.rawValue).joined(separator: ", "))
            line(safe(sample.name), facts.joined(separator: " · "), &output)
        }
    }

    // MARK: - Sections

    private static func integrity(_ report: GenomicFileReport) -> String {
        var parts: [String] = []
        switch report.integrity.endMarkerPresent {
        case true?: parts.append(report.format == .cram ? "EOF container present" : "BGZF EOF block present")
        case false?: parts.append(report.format == .cram ? "EOF container MISSING" : "BGZF EOF block MISSING")
        case nil: break
        }
        if report.integrity.truncated { parts.append("TRUNCATED") }
        parts.append(report.integrity.fullyRead ? "read to the end" : (report.error == nil ? "header only" : "read stopped"))
        if let blocks = report.integrity.compressedBlocks { parts.append("\(blocks) compressed blocks") }
        return parts.joined(separator: " · ")
    }

    private static func writeSAM(_ header: SAMHeader, _ report: GenomicFileReport, _ output: inout String) {
        var hd: [String] = []
        if let version = header.version { hd.append("VN \(safe(version))") }
        if let order = header.sortOrder { hd.append("SO \(safe(order))") }
        line("@HD", hd.isEmpty ? "none" : hd.joined(separator: " "), &output)
        let references = header.references.map { "\(safe($0.name)) (\($0.length.map(String.init) ?? "?"))" }
        line("@SQ", "\(header.references.count)" + (references.isEmpty ? "" : ": " + list(references)), &output)
        if let binary = report.bamHeader {
            line("BAM refs", "\(binary.references.count) in the binary list, l_text \(binary.textLength)"
                 + (binary.paddedWithNULs ? ", NUL-padded" : ""), &output)
        }
        for group in header.readGroups {
            let fields = [("SM", group.sample), ("PL", group.platform), ("LB", group.library),
                          ("PU", group.platformUnit), ("CN", group.center), ("DT", group.date)]
                .compactMap { tag, value in value.map { "\(tag)=\(safe($0))" } }
            line("@RG", safe(group.id) + " " + fields.joined(separator: " "), &output)
        }
        for chain in header.programChains {
            let steps = chain.map { program in
                safe([program.name ?? program.id, program.version].compactMap { $0 }.joined(separator: " "))
            }
            line("@PG", steps.joined(separator: " → "), &output)
        }
        if !header.comments.isEmpty { line("@CO", "\(header.comments.count) comment(s)", &output) }
    }

    private static func writeVCF(_ header: VCFHeader, _ output: inout String) {
        let contigs = header.contigs.map { "\(safe($0.id)) (\($0.length.map(String.init) ?? "?"))" }
        line("contigs", "\(header.contigs.count)" + (contigs.isEmpty ? "" : ": " + list(contigs)), &output)
        line("definitions", "\(header.info.count) INFO, \(header.format.count) FORMAT, \(header.filters.count) FILTER, "
             + "\(header.otherMeta.count) other meta lines", &output)
        if let reference = header.reference { line("##reference", safe(reference), &output) }
        for source in header.sources { line("##source", safe(source), &output) }
    }

    private static func writeFlagStats(_ stats: FlagStats, _ output: inout String) {
        let rows: [(String, KeyPath<FlagCounts, Int>)] = [
            ("in total", \.total), ("primary", \.primary), ("secondary", \.secondary),
            ("supplementary", \.supplementary), ("duplicates", \.duplicates),
            ("primary duplicates", \.primaryDuplicates), ("mapped", \.mapped), ("primary mapped", \.primaryMapped),
            ("paired in sequencing", \.paired), ("read1", \.read1), ("read2", \.read2),
            ("properly paired", \.properlyPaired), ("with itself and mate mapped", \.withItselfAndMateMapped),
            ("singletons", \.singletons), ("with mate mapped to a different chr", \.mateOnDifferentReference),
            ("with mate mapped to a different chr (mapQ>=5)", \.mateOnDifferentReferenceMapQ5),
        ]
        for (index, (label, path)) in rows.enumerated() {
            line(index == 0 ? "flagstat" : "", "\(stats.passed[keyPath: path]) + \(stats.failed[keyPath: path]) \(label)",
                 &output)
        }
    }

    private static func writeVariants(_ stats: VariantStats, _ output: inout String) {
        let pass = stats.passFraction.map { String(format: "%.1f%% PASS", $0 * 100) } ?? "no records"
        line("records", "\(stats.records): \(stats.snvs) SNV, \(stats.indels) indel, \(stats.others) other · \(pass)",
             &output)
        let contigs = stats.perContig.map { "\(safe($0.contig)) \($0.records)" }
        if !contigs.isEmpty { line("per contig", list(contigs), &output) }
    }

    private static func writeFASTQ(_ stats: FASTQStats, sampledOnly: Bool, _ output: inout String) {
        let lengths = [stats.minimumLength, stats.maximumLength].map { $0.map(String.init) ?? "?" }
        let mean = stats.meanLength.map { String(format: "%.1f", $0) } ?? "?"
        let gc = stats.gcFraction.map { String(format: "%.1f%%", $0 * 100) } ?? "?"
        line(sampledOnly ? "first reads" : "reads", "\(stats.reads) reads, \(stats.bases) bases · length \(lengths[0])/\(mean)/\(lengths[1]) "
             + "(min/mean/max) · GC \(gc) · \(stats.qualityEncoding.rawValue)", &output)
        if let name = stats.firstReadName {
            let fields = [("instrument", Optional(name.instrument)), ("run", name.run), ("flowcell", name.flowcell),
                          ("lane", Optional(name.lane))].compactMap { key, value in value.map { "\(key) \(safe($0))" } }
            line("read names", fields.joined(separator: " · "), &output)
        }
        if let mate = stats.mateFromNames { line("mate", "\(mate) (from read names)", &output) }
    }

    // MARK: - Helpers

    private static func line(_ label: String, _ value: String, _ output: inout String) {
        let padded = label.count < 12 ? label + String(repeating: " ", count: 12 - label.count) : label
        output += "  \(padded) \(value)\n"
    }

    private static func list(_ items: [String]) -> String {
        let shown = items.prefix(listLimit).joined(separator: ", ")
        return items.count > listLimit ? shown + ", … and \(items.count - listLimit) more" : shown
    }

    private static func safe(_ text: String) -> String { SafeText.sanitize(text) }
}
