/// A `##key=value` meta line not modelled elsewhere; structured values keep their `<…>` text.
public struct VCFMetaLine {
    /// The key after `##`.
    public var key: String
    /// The value after `=`.
    public var value: String
}

// MARK: - Conformances

extension VCFMetaLine: Sendable {}
extension VCFMetaLine: Hashable {}
extension VCFMetaLine: Codable {}
