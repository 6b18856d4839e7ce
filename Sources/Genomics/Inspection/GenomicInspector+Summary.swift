extension GenomicInspector {
    /// Fills a report's sample names and reference genome from its header facts.
    func summarise(_ report: inout GenomicFileReport) {
        if let header = report.samHeader {
            report.samples = unique(header.readGroups.compactMap(\.sample))
            report.programChains = header.programChains.map { $0.map(\.id) }
            var contigs = header.references.map { (name: $0.name, length: $0.length) }
            if contigs.isEmpty, let binary = report.bamHeader?.references {
                contigs = binary.map { (name: $0.name, length: Optional($0.length)) }
            }
            let statements = header.references.compactMap(\.assembly) + header.references.compactMap(\.uri)
            report.reference = ReferenceInference.identify(statements: unique(statements), contigs: contigs)
            report.warnings += header.warnings
            if header.readGroups.isEmpty { report.warnings.append("no @RG read groups: samples are unknown") }
        }
        if let header = report.vcfHeader {
            report.samples = header.samples
            let statements = (header.reference.map { [$0] } ?? []) + header.contigs.compactMap(\.assembly)
            report.reference = ReferenceInference.identify(
                statements: unique(statements), contigs: header.contigs.map { (name: $0.id, length: $0.length) })
            report.warnings += header.warnings
        }
        if report.format == .fastq {
            report.samples = [FASTQFileName(report.path).sample]
        }
        if let sheet = report.sampleSheet {
            report.samples = unique(sheet.rows.map(\.sample))
        }
    }

    private func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}
