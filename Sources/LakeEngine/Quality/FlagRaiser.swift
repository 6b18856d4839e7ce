import Catalog
import Foundation

/// Inserts automatic quality flags, once per dataset, target and code however often the rule fires.
struct FlagRaiser: Sendable {
    let configuration: LakeConfiguration
    /// The zone of the dataset being checked: PHI is expected (info) in `raw`, blocking elsewhere.
    let zone: String

    /// Raises `rule` on `target` unless the rule is disabled or the flag exists; true when inserted.
    func raise(
        _ rule: QualityRule, datasetId: Int64, kind: FlagTargetKind, target: String, note: String,
        now: Date, _ tx: CatalogTransaction
    ) throws -> Bool {
        guard let flag = flag(rule, datasetId: datasetId, kind: kind, target: target, note: note) else { return false }
        return try tx.raiseRuleFlag(
            datasetId: flag.datasetId, targetKind: flag.targetKind, target: flag.target, code: flag.code,
            severity: flag.severity, note: flag.note, at: now)
    }

    /// The flag `rule` raises on `target` with the lake's severity for it, or nil when the rule is disabled:
    /// what ``raise(_:datasetId:kind:target:note:now:_:)`` inserts, for a caller that raises many at once
    /// (``CatalogTransaction/raiseRuleFlags(_:at:)``).
    func flag(_ rule: QualityRule, datasetId: Int64, kind: FlagTargetKind, target: String, note: String) -> RuleFlag? {
        if configuration.quality.disabledRules.contains(rule.code) { return nil }
        var severity = configuration.flagCodes[rule.code]?.severity ?? rule.severity
        if rule == .phiPresent, zone != configuration.ingestZone { severity = .blocking }
        return RuleFlag(
            datasetId: datasetId, targetKind: kind, target: target, code: rule.code, severity: severity, note: note)
    }
}
