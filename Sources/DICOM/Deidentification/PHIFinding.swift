/// Identifying data found in a data set that should have none.
public struct PHIFinding: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Where: the tag path from the top, e.g. `(0040,0275)[1]>(0010,0010)`.
    public var path: String
    /// The attribute keyword, or `private` for private attributes.
    public var keyword: String
    /// Why it counts as identifying (never the value itself).
    public var reason: String

    public var description: String { "\(path) \(keyword): \(reason)" }
}
