import Foundation
import LakeEngine
import Synchronization

/// The remote stagings this service allowed and that have not expired, by id.
///
/// Kept in memory only: a grant lives as long as its URLs (``Lake/stagePlanLifetime``), and a restarted
/// service has none, so a caller whose service restarted mid-staging asks again (a rerun keeps the files
/// already verified). Expired grants are dropped whenever one is added.
///
/// Thread-safe: a lock around the table.
final class StageGrants: Sendable {
    private let grants = Mutex<[String: StageGrant]>([:])

    /// A new id: 128 random bits as hex, so ids cannot be guessed or enumerated.
    static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in
            let hex = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    func add(_ grant: StageGrant, now: Date = Date()) {
        grants.withLock { grants in
            grants = grants.filter { $0.value.plan.expiresAt > now }
            grants[grant.id] = grant
        }
    }

    /// The grant `id`, whoever holds it (the engine checks the holder), or nil.
    func grant(_ id: String) -> StageGrant? {
        grants.withLock { $0[id] }
    }
}
