import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Named points in multi-step operations where tests kill the process, to prove that a crash there
/// leaves the lake consistent.
///
/// When `MEDLAKE_FAULT_POINT` names the point being reached, the process sends itself SIGKILL (no
/// cleanup, no flush: what a power cut or the OOM killer does). Unset, a point costs one dictionary
/// lookup. It cannot change what a run does, only stop it, so it grants nobody anything.
enum FaultPoint: String {
    /// Derived objects are durable in the tier; no catalog row names them yet.
    case objectsStored = "promotion.objects-stored"
    /// Inside the publishing transaction, after every row is written, before the commit.
    case beforeCommit = "promotion.before-commit"

    static let environmentVariable = "MEDLAKE_FAULT_POINT"

    func reach() {
        guard ProcessInfo.processInfo.environment[Self.environmentVariable] == rawValue else { return }
        kill(getpid(), SIGKILL)
    }
}
