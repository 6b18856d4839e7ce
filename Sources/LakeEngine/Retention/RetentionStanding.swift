import Foundation

/// How long a dataset's objects are kept: the policy that applies to it (or an admin's override).
public struct RetentionStanding: Sendable, Codable, Hashable {
    public var dataset: String
    /// The policy name, `override:DATASET`, or nil when no policy matches (kept indefinitely).
    public var rule: String?
    public var minDays: Double?
    public var maxDays: Double?
    public var from: RetentionPolicy.Clock
    /// The admin's reason, for an override.
    public var overrideReason: String?

    /// The keep period in words: "keep ≥ 3650 days, no maximum, from acquisition (raw-10y)".
    public var summary: String {
        guard let rule else { return "indefinitely (no retention policy)" }
        let minimum = minDays.map { "keep ≥ \(Self.days($0)) days" } ?? "no minimum"
        let maximum = maxDays.map { "delete after \(Self.days($0)) days" } ?? "no maximum"
        return "\(minimum), \(maximum), from \(from.rawValue) (\(rule))"
    }

    private static func days(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
