import LakeEngine

/// The workbench's words for a promotion's execution state (the engine keeps it as data).
extension PromotionExecution {
    /// The EXECUTION cell: short, with what to do next where there is something.
    var cell: String {
        switch self {
        case .awaitingApproval(let approvals, let needed): "awaiting \(approvals)/\(needed)"
        case .blocked(let checks): "blocked: " + checks.map(\.code).joined(separator: ",")
        case .ready: "ready (x)"
        case .failed: "failed (x retries)"
        case .executed(let version): "executed " + version
        case .rejected: "rejected"
        }
    }

    /// A sentence for the flash line and the Checks pane.
    var sentence: String {
        switch self {
        case .awaitingApproval(let approvals, let needed): "awaiting approval (\(approvals) of \(needed))"
        case .blocked(let checks):
            "not executed: blocked by " + checks.map { "\($0.code) (\($0.detail))" }.joined(separator: "; ")
        case .ready: "approved, not executed yet (x executes)"
        case .failed(let reason): "not executed: failed: \(reason) (x retries)"
        case .executed(let version): "executed: \(version) published"
        case .rejected: "rejected"
        }
    }

    /// Whether the outcome is the one asked for (a decision recorded, a version published), so the
    /// flash line can warn otherwise.
    var isSuccess: Bool {
        switch self {
        case .awaitingApproval, .executed, .rejected: true
        case .blocked, .ready, .failed: false
        }
    }
}
