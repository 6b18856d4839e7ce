/// The orders a series' instances can be listed in: the columns the workbench's instance list sorts on.
/// Ties keep SOP Instance UID order (unique in a series).
public enum InstanceSort: String, Codable, Sendable, Hashable, CaseIterable {
    /// By instance number, instances without one first, then UID: the listing's order when none is asked for.
    case number
    /// By transfer syntax UID.
    case syntax
    case uid
}

extension InstanceSort {
    /// The SQL order over instance `i`, ending with the unique UID.
    var order: [ListingStatement.OrderTerm] {
        let uid = ListingStatement.OrderTerm(expression: "i.sopInstanceUID")
        return switch self {
        case .number: [.init(expression: "i.instanceNumber", nullable: true), uid]
        case .syntax: [.init(expression: "i.transferSyntaxUID", nullable: true), uid]
        case .uid: [uid]
        }
    }
}
