/// The orders series can be listed in: the columns the workbench's series list sorts on. Ties keep the
/// order series were catalogued in (their row id).
public enum SeriesSort: String, Codable, Sendable, Hashable, CaseIterable {
    /// The order series were first catalogued in: the listing's order when none is asked for.
    case ingested
    case uid
    case modality
    case bodyPart
    /// By number of instances.
    case instances
    case description
}

extension SeriesSort {
    /// The SQL order over series `s`, ending with the unique row id.
    var order: [ListingStatement.OrderTerm] {
        let id = ListingStatement.OrderTerm(expression: "s.id")
        return switch self {
        case .ingested: [id]
        case .uid: [.init(expression: "s.seriesInstanceUID"), id]
        case .modality: [.init(expression: "s.modality"), id]
        case .bodyPart: [.init(expression: "s.bodyPart", nullable: true), id]
        case .instances: [.init(expression: "s.instanceCount"), id]
        case .description: [.init(expression: "s.description", nullable: true), id]
        }
    }
}
