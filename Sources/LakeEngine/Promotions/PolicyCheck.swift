/// The result of one policy check on a promotion, recorded with the request and shown on every listing.
public struct PolicyCheck: Codable, Hashable, Sendable {
    /// `role`, `blocking-flags`, `quality-score`, `deidentification`, `consent`, `readable`.
    public var code: String
    public var passed: Bool
    /// What was found, in words (counts and ids, never patient data).
    public var detail: String

    public init(code: String, passed: Bool, detail: String) {
        self.code = code
        self.passed = passed
        self.detail = detail
    }
}
