import Synchronization

/// The bytes of one object's copy counted in its job's progress, so that a failed or stopped attempt can
/// take them back out. Reports may come from any thread (the verifier's threads report shared copies).
final class ObjectProgress: Sendable {
    private let keeper: LeaseKeeper
    private let counted = Atomic<Int64>(0)

    init(keeper: LeaseKeeper) {
        self.keeper = keeper
    }

    /// Records that `total` bytes of the object have been copied and verified so far.
    func report(_ total: Int64) {
        let previous = counted.exchange(total, ordering: .relaxed)
        keeper.movedBytes.add(total - previous, ordering: .relaxed)
    }

    /// Removes every byte reported from the job's progress.
    func takeBack() {
        keeper.movedBytes.subtract(counted.exchange(0, ordering: .relaxed), ordering: .relaxed)
    }
}
