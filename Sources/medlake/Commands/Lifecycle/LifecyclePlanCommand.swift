import ArgumentParser
import Foundation
import LakeEngine

/// `medlake lifecycle plan`: what the rules would move now.
struct LifecyclePlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Show what the lifecycle rules would move now, per rule, with costs.")

    @OptionGroup var options: LakeOptions

    func run() async throws {
        try await reportingFailures {
            let plan = try await options.api().lifecyclePlan()
            if options.json { return try printJSON(plan) }
            var table = TextTable("RULE", "FROM", "TO", "OBJECTS", "BYTES", "COST/MONTH BEFORE", "AFTER", "NOTE")
            for move in plan.moves {
                table.add(
                    move.rule, move.fromTier, move.toTier, String(move.objects), byteCount(move.bytes),
                    String(format: "%.4f", move.monthlyCostBefore), String(format: "%.4f", move.monthlyCostAfter),
                    move.warning ?? "")
            }
            print(table.render(empty: "Nothing to move: no lifecycle rule matches an object now."))
        }
    }
}
