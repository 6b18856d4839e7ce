/// A role a user holds in a lake, as mapped in `lake.toml`.
public enum Role: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case admin
    case curator
    case annotator
    case `operator`

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}
