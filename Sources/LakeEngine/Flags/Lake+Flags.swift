import Catalog
import Foundation
import Storage

extension Lake {
    /// Raises a flag on `target` (a UID, sample, dataset or object hash) by the acting person.
    ///
    /// `code` must be in the lake's vocabulary and fit the target's kind (``flagCodes(for:)``);
    /// `severity` defaults to the code's. Needs annotator or
    /// curator and, on a restricted dataset, a role that reads it or an `annotate` (or `approve`) grant,
    /// recorded with the flag's audit event.
    @discardableResult
    public func addFlag(target: String, code: String, severity: FlagSeverity? = nil, note: String) throws -> QualityFlag {
        let role = try authorize(.addFlag)
        guard let vocabulary = configuration.flagCodes[code] else { throw LakeError.unknownFlagCode(code) }
        let resolved = try resolveTarget(target)
        guard resolved.kind.accepts(vocabulary) else {
            throw LakeError.flagCodeNotForTarget(code: code, kind: resolved.kind)
        }
        return try catalog.write { tx in
            let grant = try annotationGrant(datasetId: resolved.datasetId, tx)
            let now = Date()
            var flag = QualityFlag(
                datasetId: resolved.datasetId, targetKind: resolved.kind, target: target, code: code,
                severity: severity ?? vocabulary.severity, state: .open, source: .person,
                author: actor.user, note: note, createdAt: now, updatedAt: now)
            try tx.insert(&flag)
            try appendAudit(
                tx, role: role, action: "flag.add", target: target,
                details: ["id": String(flag.id ?? 0), "code": code, "severity": flag.severity.rawValue, "note": note]
                    .merging(grant.map { ["grant": String($0)] } ?? [:]) { first, _ in first })
            return flag
        }
    }

    /// The codes of the lake's vocabulary a person may raise on a target of `kind`, sorted by code: an
    /// imaging target is offered imaging and general codes, a sample genomics and general ones.
    public func flagCodes(for kind: FlagTargetKind) -> [FlagCode] {
        configuration.flagCodes.values.filter(kind.accepts).sorted { $0.code < $1.code }
    }

    /// Flags matching `filter`, oldest first. Flags on restricted datasets the actor may not read are left
    /// out (reads through a grant are audited).
    public func listFlags(_ filter: FlagFilter = FlagFilter()) throws -> [QualityFlag] {
        try flags(filter, window: ListingWindow(sort: .id)).rows
    }

    /// One page of the flags matching `filter`, sorted and filtered as `window` says. Flags on restricted
    /// datasets the actor may not read are left out before the page is cut, so the total counts only what
    /// the actor sees (reads through a grant are audited).
    public func flags(_ filter: FlagFilter, window: ListingWindow<FlagSort>) throws -> ListingPage<QualityFlag> {
        try authorize(.read)
        if let dataset = filter.dataset { try authorizeDatasetRead(dataset, purpose: "flags") }
        let conditions = try catalog.read { tx in
            FlagConditions(
                state: filter.state, severity: filter.severity, code: filter.code, target: filter.target,
                datasetId: try filter.dataset.map { try existingDataset(named: $0, tx).id })
        }
        let readable = try readableDatasetIds(purpose: "flags") { tx in try tx.datasetIdsHoldingFlags(conditions) }
        return try catalog.read { tx in try tx.flags(conditions, among: readable, window: window) }
    }

    /// Checks that the actor may annotate the dataset with id `datasetId` (see
    /// ``addFlag(target:code:severity:note:)``); returns the grant that allows it, if one does.
    private func annotationGrant(datasetId: Int64?, _ tx: CatalogTransaction) throws -> Int64? {
        guard let datasetId, let name = try tx.datasetName(id: datasetId) else { return nil }
        return try datasetAccess(name, needing: .annotate, tx).grantId
    }

    /// Marks an open flag resolved, with a note saying what was done. Needs annotator or curator.
    @discardableResult
    public func resolveFlag(id: Int64, note: String) throws -> QualityFlag {
        let role = try authorize(.resolveFlag)
        return try closeFlag(id: id, state: .resolved, text: note, role: role, action: "flag.resolve")
    }

    /// Waives an open flag: accepted as is, with a reason. A blocking flag needs a curator; others an
    /// annotator or curator.
    @discardableResult
    public func waiveFlag(id: Int64, reason: String) throws -> QualityFlag {
        var role = try authorize(.waiveFlag)
        let flag = try catalog.read { tx in try tx.flag(id: id) }
        if flag?.severity == .blocking { role = try authorize(.waiveBlockingFlag) }
        return try closeFlag(id: id, state: .waived, text: reason, role: role, action: "flag.waive")
    }

    private func closeFlag(id: Int64, state: FlagState, text: String, role: Role, action: String) throws -> QualityFlag {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw LakeError.invalidArgument("Please say why (a note or reason is required).")
        }
        return try catalog.write { tx in
            guard var flag = try tx.flag(id: id) else {
                throw LakeError.notFound(kind: "flag", id: String(id))
            }
            guard flag.state == .open else { throw LakeError.flagNotOpen(id: id, state: flag.state.rawValue) }
            let grant = try annotationGrant(datasetId: flag.datasetId, tx)
            if state == .waived, flag.severity == .blocking, role != .curator {
                throw LakeError.notPermitted(user: actor.user, permission: .waiveBlockingFlag)
            }
            flag.state = state
            flag.resolution = text
            flag.resolvedBy = actor.user
            flag.updatedAt = Date()
            try tx.update(flag)
            try appendAudit(
                tx, role: role, action: action, target: flag.target,
                details: ["id": String(id), "code": flag.code, "severity": flag.severity.rawValue, "note": text]
                    .merging(grant.map { ["grant": String($0)] } ?? [:]) { first, _ in first })
            return flag
        }
    }

    /// Reopens a resolved or waived flag, saying why (the resolution turned out wrong, the waiver no longer
    /// holds). Needs the role that resolves flags (annotator or curator) and, on a restricted dataset, a
    /// reading role or an `annotate` grant, as resolving does. The flag keeps its last resolution until it
    /// is closed again; the reopening is audited as `flag.reopen` with the state it left.
    ///
    /// - Throws: ``LakeError/flagAlreadyOpen(id:)`` for an open flag.
    @discardableResult
    public func reopenFlag(id: Int64, note: String) throws -> QualityFlag {
        let role = try authorize(.resolveFlag)
        guard !note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw LakeError.invalidArgument("Please say why (a note or reason is required).")
        }
        return try catalog.write { tx in
            guard var flag = try tx.flag(id: id) else {
                throw LakeError.notFound(kind: "flag", id: String(id))
            }
            guard flag.state != .open else { throw LakeError.flagAlreadyOpen(id: id) }
            let grant = try annotationGrant(datasetId: flag.datasetId, tx)
            let closed = flag.state
            flag.state = .open
            flag.updatedAt = Date()
            try tx.update(flag)
            try appendAudit(
                tx, role: role, action: "flag.reopen", target: flag.target,
                details: [
                    "id": String(id), "code": flag.code, "severity": flag.severity.rawValue, "note": note,
                    "was": closed.rawValue,
                ].merging(grant.map { ["grant": String($0)] } ?? [:]) { first, _ in first })
            return flag
        }
    }

    /// Finds what a flag target names, so the flag carries its kind and dataset.
    private func resolveTarget(_ target: String) throws -> (kind: FlagTargetKind, datasetId: Int64?) {
        let entries = try show(target)
        guard let entry = entries.first, let kind = FlagTargetKind(rawValue: entry.kind.rawValue) else {
            throw LakeError.notFound(kind: "flag target", id: target)
        }
        let id = try catalog.read { tx in try entry.dataset.map { try existingDataset(named: $0, tx).id } }
        return (kind, id)
    }
}

/// Filters for ``Lake/listFlags(_:)``.
public struct FlagFilter: Sendable {
    public var state: FlagState?
    public var severity: FlagSeverity?
    public var code: String?
    public var target: String?
    public var dataset: String?

    public init(
        state: FlagState? = nil, severity: FlagSeverity? = nil, code: String? = nil, target: String? = nil,
        dataset: String? = nil
    ) {
        self.state = state
        self.severity = severity
        self.code = code
        self.target = target
        self.dataset = dataset
    }
}
