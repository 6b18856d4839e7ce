import Catalog
import Foundation
import Genomics
import LakeEngine

/// Lays out one genomic file for the inspector: stored facts, integrity, streaming facts, the header
/// (contigs, read groups, programs, INFO/FORMAT/FILTER definitions, sample columns) and flags.
enum GenomicsSections {
    static func build(file: GenomicFileEntry, inspection: Loadable<GenomicFileInspection>?) -> [InspectorSection] {
        var sections = [fileSection(file), integrity(inspection?.value?.report, state: inspection)]
        sections.append(streamingFacts(file, report: inspection?.value?.report))
        var header = InspectorSection("Header")
        if let report = inspection?.value?.report { describeHeader(report, into: &header) }
        for pair in Formatting.pairs(json: file.headerFacts) { header.field("stored " + pair.key, pair.value) }
        sections.append(header)
        guard let inspected = inspection?.value else { return sections }
        sections += headerTables(inspected.report)
        var flags = InspectorSection("Flags (\(inspected.flags.count))")
        if inspected.flags.isEmpty { flags.field("none", "no flags on this sample or file") }
        for flag in inspected.flags {
            flags.row([String(flag.id), flag.severity.rawValue, flag.state.rawValue, flag.code, flag.note])
        }
        sections.append(flags)
        return sections
    }

    private static func fileSection(_ file: GenomicFileEntry) -> InspectorSection {
        var section = InspectorSection("File")
        section.field("format", file.format)
        section.field("path", file.path)
        section.field("size", Formatting.bytes(file.size))
        section.field("sha256", file.sha256)
        section.field("tier", file.tier + " (" + file.state.rawValue + ")")
        return section
    }

    private static func streamingFacts(_ file: GenomicFileEntry, report: GenomicFileReport?) -> InspectorSection {
        var section = InspectorSection("Streaming facts")
        if let stats = report?.flagStats {
            section.field("reads", String(stats.total) + " (\(stats.failed.total) QC-failed)")
            section.field("primary mapped", String(stats.passed.primaryMapped) + " of " + String(stats.passed.primary))
            section.field("duplicates", String(stats.passed.duplicates))
            section.field("properly paired", String(stats.passed.properlyPaired) + " of " + String(stats.passed.paired))
            section.field("secondary", String(stats.passed.secondary) + ", supplementary "
                          + String(stats.passed.supplementary))
        }
        if let stats = report?.variantStats {
            section.field("records", String(stats.records))
            section.field("SNVs / indels / other", "\(stats.snvs) / \(stats.indels) / \(stats.others)")
            section.field("PASS", String(stats.passed))
            for contig in stats.perContig { section.row([contig.contig, String(contig.records)]) }
        }
        if let stats = report?.fastqStats, report?.integrity.fullyRead == true {
            section.field("reads", String(stats.reads))
            section.field("bases", String(stats.bases))
            if let mean = stats.meanLength { section.field("mean length", String(format: "%.1f", mean)) }
            if let gc = stats.gcFraction { section.field("GC", String(format: "%.1f%%", gc * 100)) }
        }
        if report?.integrity.fullyRead == true {
            section.field("read", "every record, now")
        } else {
            let pairs = Formatting.pairs(json: file.stats)
            for pair in pairs { section.field("stored " + pair.key, pair.value) }
            if pairs.isEmpty { section.field("records", "not streamed yet (S streams every record)") }
        }
        return section
    }

    private static func integrity(_ report: GenomicFileReport?, state: Loadable<GenomicFileInspection>?)
        -> InspectorSection
    {
        var section = InspectorSection("Integrity")
        switch state {
        case nil:
            section.field("header", "not read yet (Enter or Tab opens the inspector)")
            return section
        case .loading:
            section.field("header", "reading…")
            return section
        case .failed(let message):
            section.warning("header not read: " + message)
            return section
        case .loaded: break
        }
        guard let report else { return section }
        section.field("compression", report.compression?.rawValue ?? "unknown")
        switch (report.compression, report.format, report.integrity.endMarkerPresent) {
        case (_, .cram?, true?): section.field("end marker", "CRAM EOF container present")
        case (_, .cram?, false?): section.warning("CRAM EOF container missing: the file is truncated")
        case (.bgzf?, _, true?): section.field("end marker", "BGZF EOF block present")
        case (.bgzf?, _, false?): section.warning("BGZF EOF block missing: the file is truncated")
        default: section.field("end marker", "none (the format has no end marker)")
        }
        section.field("truncated", report.integrity.truncated ? "yes" : "no")
        if let blocks = report.integrity.compressedBlocks { section.field("blocks read", String(blocks)) }
        if let error = report.error { section.warning("header read stopped: " + error.description) }
        for warning in report.warnings { section.warning(warning) }
        return section
    }

    private static func describeHeader(_ report: GenomicFileReport, into section: inout InspectorSection) {
        if let format = report.format { section.field("format (read)", format.rawValue) }
        if let reference = report.reference {
            section.field("reference", reference.build + (reference.inferred ? " (inferred: " : " (stated: ")
                          + reference.evidence + ")")
        }
        if let sam = report.samHeader {
            section.field("@HD VN", sam.version ?? "-")
            section.field("@HD SO", sam.sortOrder ?? "-")
            if let group = sam.groupOrder { section.field("@HD GO", group) }
            for comment in sam.comments { section.field("@CO", comment) }
            for warning in sam.warnings { section.warning(warning) }
        }
        if let vcf = report.vcfHeader {
            section.field("fileformat", vcf.fileFormat ?? "-")
            if let reference = vcf.reference { section.field("##reference", reference) }
            for source in vcf.sources { section.field("##source", source) }
            for warning in vcf.warnings { section.warning(warning) }
        }
        if let version = report.bcfVersion { section.field("BCF version", version) }
        if let cram = report.cram {
            section.field("CRAM version", cram.version)
            section.field("containers", String(cram.containers))
        }
        if let fastq = report.fastqStats {
            section.field(report.integrity.fullyRead ? "reads" : "reads sampled", String(fastq.reads))
            section.field("quality encoding", fastq.qualityEncoding.rawValue)
            if let name = fastq.firstReadName {
                section.field("instrument", name.instrument + " lane " + name.lane)
            }
        }
    }

    private static func headerTables(_ report: GenomicFileReport) -> [InspectorSection] {
        var sections: [InspectorSection] = []
        var contigs: [[String]] = []
        if let references = report.samHeader?.references, !references.isEmpty {
            contigs = references.map { [$0.name, $0.length.map(String.init) ?? "-", $0.assembly ?? "", $0.md5 ?? ""] }
        } else if let references = report.bamHeader?.references, !references.isEmpty {
            contigs = references.map { [$0.name, String($0.length), "", ""] }
        } else if let vcf = report.vcfHeader {
            contigs = vcf.contigs.map { [$0.id, $0.length.map(String.init) ?? "-", $0.assembly ?? "", ""] }
        }
        if report.samHeader != nil || report.vcfHeader != nil || report.bamHeader != nil {
            var section = InspectorSection("Contigs (\(contigs.count))")
            for contig in contigs { section.row(contig) }
            sections.append(section)
        }
        if let sam = report.samHeader {
            var groups = InspectorSection("Read groups (\(sam.readGroups.count))")
            for group in sam.readGroups {
                groups.row([group.id, "SM:" + (group.sample ?? "-"), "PL:" + (group.platform ?? "-"),
                            "LB:" + (group.library ?? "-"), "PU:" + (group.platformUnit ?? "-"),
                            "CN:" + (group.center ?? "-")])
            }
            var programs = InspectorSection("Programs (\(sam.programs.count))")
            for program in sam.programs {
                programs.row([program.id, "PN:" + (program.name ?? "-"), "VN:" + (program.version ?? "-"),
                              "PP:" + (program.previousID ?? "-"), "CL:" + (program.commandLine ?? "")])
            }
            for chain in report.programChains ?? [] where chain.count > 1 {
                programs.field("chain", chain.joined(separator: " → "))
            }
            sections += [groups, programs]
        }
        if let vcf = report.vcfHeader {
            for (title, definitions) in [("INFO", vcf.info), ("FORMAT", vcf.format), ("FILTER", vcf.filters)] {
                var section = InspectorSection("\(title) (\(definitions.count))")
                for definition in definitions {
                    section.row(title == "FILTER" ? [definition.id, definition.description ?? ""]
                        : [definition.id, definition.number ?? ".", definition.type ?? "",
                           definition.description ?? ""])
                }
                sections.append(section)
            }
        }
        let names = report.vcfHeader?.samples ?? report.samples
        var samples = InspectorSection((report.vcfHeader != nil ? "Sample columns" : "Samples named") + " (\(names.count))")
        for (index, name) in names.enumerated() { samples.row([String(index + 1), name]) }
        sections.append(samples)
        return sections
    }
}
