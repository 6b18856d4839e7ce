import Crypto

/// The secret of a bearer token: `mlt_` and 64 hexadecimal digits (256 bits from the system's
/// cryptographic generator).
///
/// Only its SHA-256 is stored. An unkeyed hash is enough here, unlike for pseudonyms: the secret is
/// random and as long as the hash, so nobody can search for it from the stored hash.
enum TokenSecret {
    /// Every secret starts with it, so a leaked one is recognizable (secret scanners, logs).
    static let prefix = "mlt_"

    /// A new secret.
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return prefix + hex((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// The SHA-256 of `secret` as 64 lowercase hexadecimal digits: what the catalog keeps.
    static func hash(_ secret: String) -> String {
        hex(SHA256.hash(data: Array(secret.utf8)))
    }

    /// True when `text` has a secret's shape (the check before any catalog lookup).
    static func isWellFormed(_ text: String) -> Bool {
        guard text.hasPrefix(prefix) else { return false }
        let digits = text.utf8.dropFirst(prefix.utf8.count)
        return digits.count == 64 && digits.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    private static func hex<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        bytes.map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }
}
