import Catalog
import Foundation

/// A quality flag on a catalog target, as the API shows it.
public struct FlagSummary: Codable, Sendable, Hashable, Identifiable {
    public var id: Int64
    /// The dataset the target belongs to, when it belongs to one.
    public var dataset: String?
    public var targetKind: FlagTargetKind
    /// The target's canonical id (UID, sample name, dataset name or object hash).
    public var target: String
    /// A code from the lake's vocabulary.
    public var code: String
    public var severity: FlagSeverity
    public var state: FlagState
    public var source: FlagSource
    public var author: String
    public var note: String
    /// The resolve note or waive reason.
    public var resolution: String?
    public var resolvedBy: String?
    public var createdAt: Date
    public var updatedAt: Date
}

/// A flag to raise (``FlagOperations/raiseFlag(_:)``).
public struct NewFlag: Codable, Sendable, Hashable {
    public var target: String
    public var code: String
    /// Nil: the code's severity in the lake's vocabulary.
    public var severity: FlagSeverity?
    public var note: String

    public init(target: String, code: String, severity: FlagSeverity? = nil, note: String) {
        self.target = target
        self.code = code
        self.severity = severity
        self.note = note
    }
}

/// How an open flag is closed (``FlagOperations/closeFlag(id:_:)``).
public enum FlagClosing: Codable, Sendable, Hashable {
    /// Fixed, with a note saying what was done.
    case resolve(note: String)
    /// Accepted as is, with a reason (a blocking flag needs a curator).
    case waive(reason: String)
}

/// Why a resolved or waived flag is open again (the body of ``FlagOperations/reopenFlag(id:_:)``).
public struct FlagReopening: Codable, Sendable, Hashable {
    public var note: String

    public init(note: String) {
        self.note = note
    }
}

// MARK: - From the catalog

extension FlagSummary {
    /// The API form of `flag`, whose dataset is `dataset`.
    init(_ flag: QualityFlag, dataset: String?) {
        self.init(
            id: flag.id ?? 0, dataset: dataset, targetKind: flag.targetKind,
            target: flag.target, code: flag.code, severity: flag.severity, state: flag.state, source: flag.source,
            author: flag.author, note: flag.note, resolution: flag.resolution, resolvedBy: flag.resolvedBy,
            createdAt: flag.createdAt, updatedAt: flag.updatedAt)
    }
}
