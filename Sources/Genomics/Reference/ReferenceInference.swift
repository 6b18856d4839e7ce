/// Recognises human reference builds from what a file states or from its contigs' names and lengths.
///
/// Stated names (`##reference`, `@SQ AS`/`UR`, `##contig assembly`) win when they name a known build.
/// Otherwise the lengths of chromosomes 1, 2, X and Y (with or without a `chr` prefix) must all agree with
/// one build; the naming style and decoy contigs then tell the flavour (`chr1` → UCSC `hg19`/`hg38`,
/// `hs37d5` decoy → hs37d5, `GL000…`/`NC_007605` without `chr` → b37).
public enum ReferenceInference {
    /// Lengths of the chromosomes used as fingerprints, per build.
    static let fingerprints: [(build: String, lengths: [String: Int64])] = [
        ("GRCh37", ["1": 249_250_621, "2": 243_199_373, "X": 155_270_560, "Y": 59_373_566]),
        ("GRCh38", ["1": 248_956_422, "2": 242_193_529, "X": 156_040_895, "Y": 57_227_415]),
        ("NCBI36", ["1": 247_249_719, "2": 242_951_149, "X": 154_913_754, "Y": 57_772_954]),
    ]

    /// The reference named by `statements` or, failing that, inferred from `contigs`; nil when neither
    /// identifies a known build.
    public static func identify(statements: [String], contigs: [(name: String, length: Int64?)]) -> ReferenceGenome? {
        for statement in statements {
            if let (build, flavor) = recognise(statement) {
                return ReferenceGenome(build: build, flavor: flavor, inferred: false, evidence: statement)
            }
        }
        return infer(contigs: contigs)
    }

    /// Infers the build from contig names and lengths alone.
    public static func infer(contigs: [(name: String, length: Int64?)]) -> ReferenceGenome? {
        var lengths: [String: Int64] = [:]
        var prefixed = false
        for contig in contigs {
            guard let length = contig.length else { continue }
            var name = Substring(contig.name)
            if name.hasPrefix("chr") {
                name = name.dropFirst(3)
                if ["1", "2", "X", "Y"].contains(name) { prefixed = true }
            }
            if ["1", "2", "X", "Y"].contains(name) { lengths[String(name)] = length }
        }
        guard !lengths.isEmpty else { return nil }
        for (build, fingerprint) in fingerprints where lengths.allSatisfy({ fingerprint[$0.key] == $0.value }) {
            let names = Set(contigs.map(\.name))
            let flavor: String?
            switch build {
            case "GRCh37":
                if prefixed { flavor = "hg19" } else if names.contains("hs37d5") { flavor = "hs37d5" } else if
                    names.contains("NC_007605") || names.contains(where: { $0.hasPrefix("GL000") }) {
                    flavor = "b37"
                } else { flavor = nil }
            case "GRCh38": flavor = prefixed ? "hg38" : nil
            default: flavor = prefixed ? "hg18" : nil
            }
            let evidence = lengths.keys.sorted().map { "\(prefixed ? "chr" : "")\($0)=\(lengths[$0] ?? 0)" }
            return ReferenceGenome(build: build, flavor: flavor, inferred: true,
                                   evidence: "contig lengths " + evidence.joined(separator: ", "))
        }
        return nil
    }

    /// The build and flavour a free-text reference statement names, if any.
    static func recognise(_ statement: String) -> (String, String?)? {
        let text = statement.lowercased()
        let rules: [(needle: String, build: String, flavor: String?)] = [
            ("hs37d5", "GRCh37", "hs37d5"), ("human_g1k_v37", "GRCh37", "b37"), ("b37", "GRCh37", "b37"),
            ("hg19", "GRCh37", "hg19"), ("grch37", "GRCh37", nil), ("hg38", "GRCh38", "hg38"),
            ("hs38", "GRCh38", nil), ("grch38", "GRCh38", nil), ("assembly38", "GRCh38", nil),
            ("hg18", "NCBI36", "hg18"), ("ncbi36", "NCBI36", nil), ("b36", "NCBI36", nil),
        ]
        return rules.first { text.contains($0.needle) }.map { ($0.build, $0.flavor) }
    }
}
