/// The orders quality flags can be listed in: the columns the workbench's flag list sorts on. Ties keep
/// the order flags were raised in (their id).
public enum FlagSort: String, Codable, Sendable, Hashable, CaseIterable {
    /// The order flags were raised in: the listing's order when none is asked for.
    case id
    /// Info, then warning, then blocking (descending: blocking first).
    case severity
    case state
    case code
    /// By target kind (`series`, `sample`…).
    case kind
    case target
}

extension FlagSort {
    /// The SQL order over flag `f`, ending with the unique id.
    var order: [ListingStatement.OrderTerm] {
        let id = ListingStatement.OrderTerm(expression: "f.id")
        return switch self {
        case .id: [id]
        case .severity:
            [.init(expression: "CASE f.severity WHEN 'info' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END"), id]
        case .state: [.init(expression: "f.state"), id]
        case .code: [.init(expression: "f.code"), id]
        case .kind: [.init(expression: "f.targetKind"), id]
        case .target: [.init(expression: "f.target"), id]
        }
    }
}
