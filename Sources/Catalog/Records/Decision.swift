/// One person's decision on a four-eyes request (a promotion or a deletion), as the approval rows
/// record it.
public enum Decision: String, Codable, Hashable, Sendable, CaseIterable {
    case approve
    case reject
}
