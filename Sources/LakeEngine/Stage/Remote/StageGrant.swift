import Foundation

/// A remote staging the lake service allowed, as the service keeps it: the ``StagePlan`` it handed the
/// caller, who may use it, and which object each of its service paths may stream.
///
/// The service answers `GET /v1/stagings/ID/files/N` only through a grant (``Lake/openStagedFile(_:index:range:now:)``):
/// never a path or hash the caller names, only entry N of the manifest this caller was allowed to stage.
public struct StageGrant: Sendable, Hashable {
    /// An object a service path streams: where it is and what it must be.
    public struct Object: Sendable, Hashable {
        public var tier: String
        public var sha256: String
        public var size: Int64
    }

    public var plan: StagePlan
    /// The caller it was issued to (`token:NAME` or a user name): nobody else may use it.
    public var holder: String
    /// The version's dataset, whose read access is checked again on every request.
    public var dataset: String
    /// By manifest index, the objects read through the service (those with ``StagePlan/Access/service``).
    public var objects: [Int: Object]

    public var id: String { plan.id }
}
