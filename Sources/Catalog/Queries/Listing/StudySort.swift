/// The orders a dataset's studies can be listed in: the columns the workbench's study list sorts on. Ties
/// keep study UID order (unique in a dataset).
public enum StudySort: String, Codable, Sendable, Hashable, CaseIterable {
    /// By study date, studies without one first, then UID: the listing's order when none is asked for.
    case date
    case uid
    case patient
    case description
    /// By number of series.
    case series
}

extension StudySort {
    /// The SQL order over study `t`, ending with the unique UID.
    var order: [ListingStatement.OrderTerm] {
        let uid = ListingStatement.OrderTerm(expression: "t.studyInstanceUID")
        return switch self {
        case .date: [.init(expression: "t.studyDate", nullable: true), uid]
        case .uid: [uid]
        case .patient: [.init(expression: "t.patientPseudonym", nullable: true), uid]
        case .description: [.init(expression: "t.description", nullable: true), uid]
        case .series: [.init(expression: "(SELECT COUNT(*) FROM series c WHERE c.studyId = t.id)"), uid]
        }
    }
}
