import Catalog

extension OpenFlagTally {
    /// `blocking 2`: the worst severity, then the count, as the lists' FLAGS column shows it so a reviewer
    /// sees where to look first.
    var text: String { worst.rawValue + " " + String(count) }
}
