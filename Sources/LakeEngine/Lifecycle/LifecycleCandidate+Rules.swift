import Catalog
import Foundation

extension LifecycleCandidate {
    /// True when every condition of `rule` holds at `now`.
    func matches(_ rule: LifecycleRule, now: Date) -> Bool {
        if let from = rule.fromTiers, !from.contains(object.tier) { return false }
        let day = 86_400.0
        if let days = rule.minDaysSinceIngest, now.timeIntervalSince(createdAt) < days * day { return false }
        if let days = rule.minDaysSinceAccess, now.timeIntervalSince(lastAccess ?? createdAt) < days * day { return false }
        guard !datasets.isEmpty else { return false }
        return datasets.allSatisfy { facts in
            (rule.zone == nil || rule.zone == facts.zone)
                && (rule.datasetStatus == nil || rule.datasetStatus == facts.status)
                && (rule.sensitivity == nil || rule.sensitivity == facts.sensitivity)
                && (rule.versionState == nil || rule.versionState == facts.versionState)
        }
    }
}
