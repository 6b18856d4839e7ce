import ArgumentParser
import LakeEngine

/// `medlake retention plan`: what may be deleted now, and why.
struct RetentionPlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Show what the retention policies let go now, per rule and dataset, and why.")

    @OptionGroup var options: LakeOptions

    func run() async throws {
        try await reportingFailures {
            let plan = try await options.api().retentionPlan()
            if options.json { return try printJSON(plan) }
            var table = TextTable("RULE", "DATASET", "OBJECTS", "BYTES", "WHY")
            for group in plan.deletions {
                table.add(group.rule, group.dataset, String(group.objects), byteCount(group.bytes), group.reason)
            }
            print(table.render(empty: "Nothing to delete: no retention policy lets an object go now."))
            var kept: [String] = []
            if plan.held > 0 { kept.append("\(plan.held) under legal hold") }
            if plan.shared > 0 { kept.append("\(plan.shared) still kept for another dataset or zone") }
            if plan.busy > 0 { kept.append("\(plan.busy) already requested or moving") }
            if !kept.isEmpty { print("kept: " + kept.joined(separator: "; ")) }
        }
    }
}
