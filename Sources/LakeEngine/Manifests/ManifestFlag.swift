/// A quality flag as it stood when a version was published.
public struct ManifestFlag: Codable, Hashable, Sendable, Comparable {
    public var target: String
    public var code: String
    public var severity: String
    public var state: String

    public init(target: String, code: String, severity: String, state: String) {
        self.target = target
        self.code = code
        self.severity = severity
        self.state = state
    }

    public static func < (lhs: ManifestFlag, rhs: ManifestFlag) -> Bool {
        (lhs.target, lhs.code, lhs.severity, lhs.state) < (rhs.target, rhs.code, rhs.severity, rhs.state)
    }
}
