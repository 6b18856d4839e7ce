import LakeEngine
import Synchronization

/// The lake as the service has it open now, acting as the service account.
///
/// A ``Lake`` holds the roles it was opened with; a role change through the service rewrites `lake.toml`
/// and gives back the lake reopened with the new roles, which replaces this one, so the next call is
/// checked against the roles in force.
///
/// Thread-safe: role changes run one at a time under the lock, and a request reads the lake in force
/// when it starts.
final class CurrentLake: Sendable {
    private let lake: Mutex<Lake>

    init(_ lake: Lake) {
        self.lake = Mutex(lake)
    }

    /// The lake acting as `caller`.
    func acting(as caller: Identity) -> Lake {
        lake.withLock { $0.acting(as: caller) }
    }

    /// Applies `change` as `caller` and keeps the lake with the new roles; answers with them.
    func changeRole(_ change: RoleChange, as caller: Identity) throws -> [RoleMembers] {
        try lake.withLock { lake in
            let changed = try lake.acting(as: caller).changingRole(change)
            lake = changed.acting(as: lake.actor)
            return try changed.roles()
        }
    }
}
