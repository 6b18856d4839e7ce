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
        if configuration.quality.disabledRules.contains(rule.code) { return false }
        var severity = configuration.flagCodes[rule.code]?.severity ?? rule.severity
        if rule == .phiPresent, zone != configuration.ingestZone { severity = .blocking }
        return try tx.raiseRuleFlag(
            datasetId: datasetId, targetKind: kind, target: target, code: rule.code, severity: severity,
            note: note, at: now)
    }
}
