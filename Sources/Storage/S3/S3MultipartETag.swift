import Crypto

/// The ETag S3 gives an object completed from parts: the MD5 of the parts' binary MD5s, a dash and the
/// part count (`"9b2cf535f27731c974343645a3985328-3"`).
///
/// Comparing a completed object's ETag with the one computed from the ETags its parts were given proves
/// the object is exactly those parts, in that order; each part was checked against its SHA-256 on
/// receipt. Servers whose part ETags are not MD5s (32 hex digits) give no expected value.
enum S3MultipartETag {
    /// The expected ETag (without quotes), or nil when a part ETag is not an MD5 in hex.
    static func expected(partETags: [String]) -> String? {
        var md5s: [UInt8] = []
        md5s.reserveCapacity(partETags.count * 16)
        for tag in partETags {
            guard let bytes = md5Bytes(unquoted(tag)) else { return nil }
            md5s += bytes
        }
        return SignatureV4.hex(Insecure.MD5.hash(data: md5s)) + "-" + String(partETags.count)
    }

    /// The ETag without its surrounding quotes.
    static func unquoted(_ tag: String) -> String {
        var text = Substring(tag)
        if text.hasPrefix("W/") { text = text.dropFirst(2) }
        if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 { text = text.dropFirst().dropLast() }
        return String(text)
    }

    private static func md5Bytes(_ hex: String) -> [UInt8]? {
        let units = Array(hex.lowercased().utf8)
        guard units.count == 32 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        var index = 0
        while index < 32 {
            guard let high = nibble(units[index]), let low = nibble(units[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ unit: UInt8) -> UInt8? {
        switch unit {
        case 0x30...0x39: unit - 0x30
        case 0x61...0x66: unit - 0x57
        default: nil
        }
    }
}
