/// The orders genomic samples can be listed in: the columns the workbench's sample list sorts on. Ties keep
/// dataset then sample name order (unique together).
public enum SampleSort: String, Codable, Sendable, Hashable, CaseIterable {
    /// By dataset name, then sample name: the listing's order when none is asked for.
    case dataset
    case name
    case assay
    /// By reference genome.
    case reference
    /// By number of files.
    case files
}

extension SampleSort {
    /// The SQL order over sample `p` of dataset `d`, ending with the unique (dataset name, sample name).
    var order: [ListingStatement.OrderTerm] {
        let names = [ListingStatement.OrderTerm(expression: "d.name"), .init(expression: "p.name")]
        return switch self {
        case .dataset: names
        case .name: [.init(expression: "p.name"), .init(expression: "d.name")]
        case .assay: [.init(expression: "p.assay", nullable: true)] + names
        case .reference: [.init(expression: "p.referenceGenome", nullable: true)] + names
        case .files: [.init(expression: "(SELECT COUNT(*) FROM genomicFile c WHERE c.sampleId = p.id)")] + names
        }
    }
}
