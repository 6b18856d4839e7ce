import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Named points in multi-step operations where tests kill the process, to prove that a crash there
/// leaves the lake consistent.
///
/// In a debug build (where `Package.swift` defines `MEDLAKE_TEST_HOOKS`), when `MEDLAKE_FAULT_POINT`
/// names the point being reached, the process sends itself SIGKILL (no cleanup, no flush: what a power
/// cut or the OOM killer does). A release build compiles ``reach()`` to nothing and holds neither the
/// variable's name nor the points' names, so no environment can stop a production run half-way
/// (`.ci/check-release.sh` checks the binary).
enum FaultPoint {
    /// Derived objects are durable in the tier; no catalog row names them yet.
    case objectsStored
    /// Inside the publishing transaction, after every row is written, before the commit.
    case beforeCommit
    /// A migration batch's copies are published in the destination tier; the placements still name the
    /// source, so each of those objects is in two tiers.
    case migrationPublished

    #if MEDLAKE_TEST_HOOKS
    static let environmentVariable = "MEDLAKE_FAULT_POINT"

    /// The name tests put in ``environmentVariable``.
    var name: String {
        switch self {
        case .objectsStored: "promotion.objects-stored"
        case .beforeCommit: "promotion.before-commit"
        case .migrationPublished: "migration.published"
        }
    }

    /// Kills the process when ``environmentVariable`` names this point.
    func reach() {
        guard ProcessInfo.processInfo.environment[Self.environmentVariable] == name else { return }
        kill(getpid(), SIGKILL)
    }
    #else
    /// Does nothing: fault points exist in debug builds only.
    @inline(__always)
    func reach() {}
    #endif
}
