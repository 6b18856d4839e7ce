import Crypto

/// HMAC-SHA256 under a secret key: the keyed hash behind de-identification's UIDs and pseudonyms.
///
/// Unlike ``ContentHasher`` the output cannot be recomputed (or a small input space enumerated) without
/// the key, which lives outside the catalog.
public struct KeyedHasher: Sendable {
    /// The key bytes (`SymmetricKey` is not `Sendable`, so one is made per call).
    private let key: [UInt8]

    /// A hasher under `key` (at least 32 bytes of secret randomness).
    public init(key: [UInt8]) {
        self.key = key
    }

    /// The 32-byte MAC of `message`.
    public func mac(_ message: String) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Array(message.utf8), using: SymmetricKey(data: key)))
    }

    /// The 32-byte MAC of `bytes`.
    public func mac(bytes: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: bytes, using: SymmetricKey(data: key)))
    }

    /// The MAC of `bytes` as 64 lowercase hexadecimal digits, the form SHA-256 digests are stored in, so a
    /// keyed hash fits wherever an unkeyed one did (the audit log's `hash` column).
    public func macHex(of bytes: [UInt8]) -> String {
        ObjectDigest(bytes: mac(bytes: bytes)).hex
    }
}
