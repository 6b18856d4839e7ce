import Catalog
import LakeEngine

/// The open flags on one row of a list (a series, or a study and its series): the worst severity and
/// how many, shown in the lists' FLAGS column so a reviewer sees where to look first.
struct OpenFlagSummary: Sendable, Hashable {
    var worst: FlagSeverity
    var count: Int

    /// `blocking 2`: the worst severity, then the count.
    var text: String { worst.rawValue + " " + String(count) }

    /// The summary of `flags` (open ones are expected), nil when there are none.
    init?(_ flags: [FlagSummary]) {
        guard !flags.isEmpty else { return nil }
        worst = flags.map(\.severity).max { Self.rank($0) < Self.rank($1) } ?? .info
        count = flags.count
    }

    /// Open flags grouped by their target.
    static func byTarget(_ flags: [FlagSummary]) -> [String: [FlagSummary]] {
        Dictionary(grouping: flags, by: \.target)
    }

    /// info < warning < blocking (their order in `FlagSeverity.allCases`).
    private static func rank(_ severity: FlagSeverity) -> Int { FlagSeverity.allCases.firstIndex(of: severity) ?? 0 }
}
