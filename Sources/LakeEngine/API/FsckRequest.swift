import Foundation

/// What ``IntegrityOperations/checkLake(_:)`` should check and may remove.
public struct FsckRequest: Sendable, Hashable, Codable {
    /// Re-hash every object in a folder tier, not only check its size.
    public var full: Bool
    /// Remove provable garbage afterwards: dead writers' temporary files, orphans older than `orphanGrace`.
    public var repair: Bool
    /// Seconds an orphan must be old before `repair` removes it.
    public var orphanGrace: TimeInterval

    public init(full: Bool = false, repair: Bool = false, orphanGrace: TimeInterval = Lake.defaultOrphanGrace) {
        self.full = full
        self.repair = repair
        self.orphanGrace = orphanGrace
    }
}
