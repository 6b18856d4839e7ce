import Catalog
import Foundation

/// Audit events as the actor may see them: events about a restricted dataset the actor may not read keep
/// their sequence, time, actor, role and action, and lose everything that could carry the dataset's data.
///
/// An event's target and details hold free text (flag notes such as a patient's name, promotion and grant
/// reasons, series UIDs, the dataset's own name), so for a restricted dataset they follow the same rule as
/// the dataset itself (``Lake/datasetAccess(_:needing:_:)``): a role that reads restricted datasets, or a live
/// grant. Seeing them through a grant counts as a read of the dataset and is audited like one. The hashes go
/// too, as a hash over short text lets a guess ("MRN123456") be confirmed. ``Lake/verifyAudit()`` still
/// checks every event in full.
extension Lake {
    /// The target shown in place of a withheld event's own.
    public static let withheldAuditTarget = "(restricted dataset)"
    /// The details shown in place of a withheld event's own: canonical JSON, like every event's details.
    public static let withheldAuditDetails = #"{"withheld":"restricted dataset: its details need read access"}"#

    /// `events` with the target, details and hashes withheld on each event concerning a restricted dataset
    /// the actor may not read.
    func withholdingRestricted(_ events: [AuditEvent]) throws -> [AuditEvent] {
        // A role that reads every restricted dataset sees everything: no need to look at each event.
        let held = Set(actorRoles)
        if configuration.governance.restrictedReadRoles.contains(where: held.contains) { return events }
        let (shown, granted) = try catalog.read { tx -> ([AuditEvent], [String: Int64]) in
            let restricted = try tx.datasetNames(sensitivity: GovernanceSettings.restrictedLabel)
            guard !restricted.isEmpty else { return (events, [:]) }
            var allowed: [String: AccessBasis] = [:]
            var denied: Set<String> = []
            var granted: [String: Int64] = [:]
            let shown = try events.map { event -> AuditEvent in
                var readable = true
                for name in try datasetNames(concernedBy: event, tx) where restricted.contains(name) {
                    if denied.contains(name) {
                        readable = false
                    } else if allowed[name] == nil {
                        do {
                            allowed[name] = try datasetAccess(name, needing: .read, tx)
                        } catch GovernanceError.accessDenied {
                            denied.insert(name)
                            readable = false
                        }
                    }
                    if let grant = allowed[name]?.grantId { granted[name] = grant }
                }
                return readable ? event : Self.withheld(event)
            }
            return (shown, granted)
        }
        try auditGrantedReads(granted, purpose: "audit")
        return shown
    }

    /// The datasets an event is about: named by its target (`NAME`, `NAME@VERSION`, or a migration job's
    /// target), or holding the flag or promotion its details name.
    private func datasetNames(concernedBy event: AuditEvent, _ tx: CatalogTransaction) throws -> Set<String> {
        var names: Set<String> = []
        var target = event.target
        if target.hasPrefix("job "), let id = Int64(target.dropFirst(4)) {
            target = try tx.migrationJobTarget(id: id) ?? ""
        }
        names.insert(target)
        if let at = target.firstIndex(of: "@") { names.insert(String(target[..<at])) }
        let details = (try? JSONDecoder().decode([String: String].self, from: Data(event.details.utf8))) ?? [:]
        if event.action.hasPrefix("flag."), let id = details["id"].flatMap(Int64.init) {
            if let name = try tx.datasetName(ofFlag: id) { names.insert(name) }
        }
        if event.action.hasPrefix("promotion."), let id = details["promotion"].flatMap(Int64.init) {
            if let name = try tx.datasetName(ofPromotion: id) { names.insert(name) }
        }
        return names
    }

    private static func withheld(_ event: AuditEvent) -> AuditEvent {
        var event = event
        event.target = withheldAuditTarget
        event.details = withheldAuditDetails
        event.prevHash = ""
        event.hash = ""
        return event
    }
}
