/// The SHA-256 of an object's bytes: its identity in every tier.
///
/// Objects are content-addressed, so two files with the same bytes are one object. The digest is kept as
/// 64 lowercase hexadecimal characters, the form stored in the catalog and used in object paths.
public struct ObjectDigest: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// 64 lowercase hexadecimal characters.
    public let hex: String

    /// Validates `hex` as a SHA-256 digest (64 hexadecimal characters, any case); nil otherwise.
    public init?(hex: String) {
        let lower = hex.lowercased()
        guard lower.utf8.count == 64, lower.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else { return nil }
        self.hex = lower
    }

    /// Wraps the 32 raw bytes of a digest.
    init<Bytes: Sequence<UInt8>>(bytes: Bytes) {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(64)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        self.hex = String(decoding: text, as: UTF8.self)
    }

    public var description: String { hex }

    public static func < (lhs: ObjectDigest, rhs: ObjectDigest) -> Bool { lhs.hex < rhs.hex }
}
