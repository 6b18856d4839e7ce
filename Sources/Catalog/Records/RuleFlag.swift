/// A flag a quality rule raises: what ``CatalogTransaction/raiseRuleFlags(_:at:)`` inserts, open, with
/// `rule` as its source and `medlake` as its author, unless the dataset has it on the target already.
public struct RuleFlag: Hashable, Sendable {
    public var datasetId: Int64
    public var targetKind: FlagTargetKind
    /// The target's canonical id (UID, sample name or object hash).
    public var target: String
    /// The rule's code, from the lake's vocabulary.
    public var code: String
    public var severity: FlagSeverity
    public var note: String

    public init(
        datasetId: Int64, targetKind: FlagTargetKind, target: String, code: String, severity: FlagSeverity,
        note: String
    ) {
        self.datasetId = datasetId
        self.targetKind = targetKind
        self.target = target
        self.code = code
        self.severity = severity
        self.note = note
    }
}
