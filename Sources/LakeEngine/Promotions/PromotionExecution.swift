import Catalog

/// What became of a promotion's execution: the outcome a reviewer acts on, derived from its state, its
/// last execution attempt and its policy checks as last run.
///
/// ``PromotionState`` records the decisions (pending, approved, rejected…); this value says whether the
/// target version exists, why it does not, and what would make it: a promotion can be approved and still
/// ``blocked(by:)`` (a blocking flag raised after the request) or ``failed(reason:)`` (its last attempt
/// stopped), and ``Lake/executePromotion(id:)`` retries it.
///
/// Encoded as `{"status": "failed", "reason": "…"}`, `{"status": "blocked", "checks": […]}`,
/// `{"status": "executed", "version": "ct@3"}`, `{"status": "awaiting-approval", "approvals": 1, "needed": 2}`,
/// `{"status": "ready"}` or `{"status": "rejected"}`.
public enum PromotionExecution: Hashable, Sendable {
    /// Waiting for decisions: `approvals` of the `needed` distinct approvers so far.
    case awaitingApproval(approvals: Int, needed: Int)
    /// The checks named fail now; nothing executes until they pass.
    case blocked(by: [PolicyCheck])
    /// Approved and not executed yet (never attempted, or interrupted before its commit).
    case ready
    /// The last attempt stopped with `reason`; nothing was published and a retry may succeed.
    case failed(reason: String)
    /// The target version `version` (`DATASET@N`) is published.
    case executed(version: String)
    /// Someone with approval rights rejected it; it never executes.
    case rejected

    /// One word for tables and filters: `awaiting-approval`, `blocked`, `ready`, `failed`, `executed`, `rejected`.
    public var status: String {
        switch self {
        case .awaitingApproval: "awaiting-approval"
        case .blocked: "blocked"
        case .ready: "ready"
        case .failed: "failed"
        case .executed: "executed"
        case .rejected: "rejected"
        }
    }
}

// MARK: - Deriving

extension PromotionExecution {
    /// The execution state of a promotion in `state` with `checks` as last run.
    ///
    /// Failing checks come first for every promotion not yet decided for good: they are what must change
    /// before anything executes. An approved promotion whose checks pass shows its last failure, if any.
    init(
        state: PromotionState, checks: [PolicyCheck], error: String?, target: String?, approvals: Int,
        needed: Int
    ) {
        let failing = checks.filter { !$0.passed }
        switch state {
        case .executed: self = .executed(version: target ?? "")
        case .rejected: self = .rejected
        case .pending, .blocked, .approved:
            if !failing.isEmpty {
                self = .blocked(by: failing)
            } else if state == .approved {
                self = error.map { .failed(reason: $0) } ?? .ready
            } else {
                self = .awaitingApproval(approvals: approvals, needed: needed)
            }
        }
    }
}

// MARK: - Codable

extension PromotionExecution: Codable {
    private enum CodingKeys: String, CodingKey {
        case status, approvals, needed, checks, reason, version
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let status = try container.decode(String.self, forKey: .status)
        switch status {
        case "awaiting-approval":
            self = .awaitingApproval(
                approvals: try container.decode(Int.self, forKey: .approvals),
                needed: try container.decode(Int.self, forKey: .needed))
        case "blocked": self = .blocked(by: try container.decode([PolicyCheck].self, forKey: .checks))
        case "ready": self = .ready
        case "failed": self = .failed(reason: try container.decode(String.self, forKey: .reason))
        case "executed": self = .executed(version: try container.decode(String.self, forKey: .version))
        case "rejected": self = .rejected
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .status, in: container, debugDescription: "unknown promotion execution status '\(status)'")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        switch self {
        case .awaitingApproval(let approvals, let needed):
            try container.encode(approvals, forKey: .approvals)
            try container.encode(needed, forKey: .needed)
        case .blocked(let checks): try container.encode(checks, forKey: .checks)
        case .failed(let reason): try container.encode(reason, forKey: .reason)
        case .executed(let version): try container.encode(version, forKey: .version)
        case .ready, .rejected: break
        }
    }
}
