/// The sequencing assay of a sample: the catalog's `sample.assay` vocabulary.
public enum Assay {
    /// Maps free text (sample sheet cells, kit names) to `WGS`, `WES`, `RNA` or `panel`; nil when unclear.
    public static func normalise(_ text: String) -> String? {
        let lower = text.lowercased()
        if lower.contains("rna") || lower.contains("transcriptom") { return "RNA" }
        if lower.contains("exome") || lower.contains("wes") { return "WES" }
        if lower.contains("panel") || lower.contains("amplicon") || lower.contains("targeted") { return "panel" }
        if lower.contains("wgs") || lower.contains("whole genome") || lower.contains("whole-genome")
            || lower.contains("pcr-free") || lower.contains("pcr free") {
            return "WGS"
        }
        return nil
    }
}
