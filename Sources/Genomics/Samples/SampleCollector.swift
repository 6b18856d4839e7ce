/// Merges file reports into one ``GenomicSample`` per sample name.
///
/// Facts fill in as files are read: the first file stating a field wins, later files only add what is
/// missing, so a sample sheet's assay and a BAM's aligner end up on the same record.
public enum SampleCollector {
    /// One sample per distinct name across `reports`, in order of first appearance.
    public static func collect(_ reports: [GenomicFileReport]) -> [GenomicSample] {
        var order: [String] = []
        var samples: [String: GenomicSample] = [:]
        for report in reports {
            for name in report.samples {
                if samples[name] == nil {
                    order.append(name)
                    samples[name] = GenomicSample(name: name)
                }
                if var sample = samples[name] {
                    merge(report, name: name, into: &sample)
                    samples[name] = sample
                }
            }
        }
        return order.compactMap { samples[$0] }
    }

    private static func merge(_ report: GenomicFileReport, name: String, into sample: inout GenomicSample) {
        if !sample.files.contains(report.path) { sample.files.append(report.path) }
        if let format = report.format, !sample.formats.contains(format) { sample.formats.append(format) }
        if sample.reference == nil { sample.reference = report.reference }
        if let header = report.samHeader {
            let platform = header.readGroups.first { $0.sample == name && $0.platform != nil }?.platform
            sample.platform = sample.platform ?? platform
            if let aligner = header.aligner {
                let label = [aligner.name ?? aligner.id, aligner.version].compactMap { $0 }.joined(separator: " ")
                sample.aligner = sample.aligner ?? label
                if KnownPrograms.isRNAAligner(aligner.name ?? aligner.id) { sample.assay = sample.assay ?? "RNA" }
            }
        }
        if let header = report.vcfHeader {
            sample.variantCaller = sample.variantCaller ?? variantCaller(header)
        }
        if report.fastqStats?.firstReadName != nil { sample.platform = sample.platform ?? "ILLUMINA" }
        if let sheet = report.sampleSheet, let row = sheet.rows.first(where: { $0.sample == name }) {
            sample.assay = sample.assay ?? row.assay
            let platform = row.fields.first { $0.key.lowercased() == "platform" }?.value
            sample.platform = sample.platform ?? platform
        }
    }

    /// The caller named by `##source`, else by a `##<caller>Command`/`##GATKCommandLine` meta line.
    static func variantCaller(_ header: VCFHeader) -> String? {
        for source in header.sources where KnownPrograms.variantCaller(in: source) != nil { return source }
        for meta in header.otherMeta where meta.key.lowercased().contains("command") {
            if let fields = VCFHeader.structuredFields(Substring(meta.value)), let id = fields["ID"] {
                return [id, fields["Version"]].compactMap { $0 }.joined(separator: " ")
            }
            if let caller = KnownPrograms.variantCaller(in: meta.key) { return caller }
        }
        return header.sources.first
    }
}
