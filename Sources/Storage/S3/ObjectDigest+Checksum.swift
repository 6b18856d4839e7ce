import Foundation

extension ObjectDigest {
    /// The digest as S3's `x-amz-checksum-sha256` value: the 32 bytes in base64.
    var checksumBase64: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        var high: UInt8?
        for unit in hex.utf8 {
            let nibble = unit <= 0x39 ? unit &- 0x30 : unit &- 0x57
            if let first = high {
                bytes.append(first << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return Data(bytes).base64EncodedString()
    }
}
