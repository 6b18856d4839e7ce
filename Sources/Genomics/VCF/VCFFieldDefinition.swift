/// An `##INFO`, `##FORMAT` or `##FILTER` definition.
public struct VCFFieldDefinition {
    /// `ID`.
    public var id: String
    /// `Number` (`1`, `A`, `R`, `G`, `.`), absent for FILTER.
    public var number: String?
    /// `Type` (`Integer`, `Float`, `Flag`, `Character`, `String`), absent for FILTER.
    public var type: String?
    /// `Description`, unquoted.
    public var description: String?
}

// MARK: - Conformances

extension VCFFieldDefinition: Sendable {}
extension VCFFieldDefinition: Hashable {}
extension VCFFieldDefinition: Codable {}
