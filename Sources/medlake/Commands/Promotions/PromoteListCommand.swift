import ArgumentParser
import Catalog
import LakeEngine

/// `medlake promote list`.
struct PromoteListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List promotions with their checks and approvals, newest first.")

    @OptionGroup var options: LakeOptions

    @Option(help: "pending, blocked, approved, rejected or executed.")
    var state: PromotionState?

    func run() async throws {
        try await reportingFailures {
            let lake = try options.api()
            let promotions = try await allPages { page in
                try await lake.promotions(PromotionQuery(state: state, page: page))
            }
            if options.json { return try printJSON(promotions) }
            var table = TextTable(
                "ID", "STATE", "SOURCE", "TO", "MEMBERS", "APPROVALS", "CHECKS", "REQUESTER", "EXECUTION")
            for promotion in promotions {
                let failed = promotion.checks.filter { !$0.passed }.map(\.code)
                table.add(
                    String(promotion.id), promotion.state.rawValue, promotion.source, promotion.targetZone,
                    String(promotion.selectedCount), "\(promotion.approvals)/\(promotion.approvalsNeeded)",
                    failed.isEmpty ? "all \(promotion.checks.count) pass" : "FAIL " + failed.joined(separator: ","),
                    promotion.requester, execution(promotion.execution))
            }
            print(table.render(empty: "No promotions."))
        }
    }

    /// The EXECUTION cell: the status, with the version built, the checks that block or the failure.
    private func execution(_ execution: PromotionExecution) -> String {
        switch execution {
        case .executed(let version): "executed " + version
        case .blocked(let checks): "blocked: " + checks.map(\.code).joined(separator: ",")
        case .failed: "failed; retry"
        case .awaitingApproval, .ready, .rejected: execution.status
        }
    }
}
