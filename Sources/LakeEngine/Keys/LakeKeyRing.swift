import Synchronization

/// The purposes a lake keeps a secret key for, besides de-identification (whose file `lake.toml` names).
///
/// Each purpose has its own random key, so one key's use says nothing about another's: a catalog
/// pseudonym and an audit hash cannot be related even by someone who learns one key.
enum LakeKeyPurpose: String, CaseIterable, Sendable {
    /// HMAC-SHA256 of every audit event and of the head checkpoint.
    case audit
    /// HMAC-SHA256 behind the catalog's patient pseudonyms (`P-` + 16 hex digits).
    case pseudonym

    /// The key's file name in the lake's `keys/` folder.
    var fileName: String { rawValue + ".key" }
}

/// The keys this process has read, by purpose, so a key file is read once per process.
///
/// Thread-safe: a `Mutex` guards the cache.
final class LakeKeyRing: Sendable {
    private let loaded = Mutex<[LakeKeyPurpose: [UInt8]]>([:])

    /// The cached key for `purpose`, or the one `load` reads (then cached).
    func key(_ purpose: LakeKeyPurpose, load: () throws -> [UInt8]) throws -> [UInt8] {
        if let key = loaded.withLock({ $0[purpose] }) { return key }
        let key = try load()
        loaded.withLock { $0[purpose] = key }
        return key
    }
}
