import DICOM
import Foundation
import Storage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lake's secret de-identification key and the keyed replacements made with it.
///
/// The key is 32 random bytes in a ``KeyFile`` outside the catalog (`[governance] key_file`, default
/// `keys/deidentification.key`), created by `medlake init` (or on first use, for older lakes), 0600 to the
/// lake's owner. It is separate from the audit and catalog
/// pseudonym keys, so a curated pseudonym says nothing about the catalog's.
/// The key id (first 16 hex digits of its SHA-256) is recorded with every transform, so a version names
/// the key that made it without revealing it.
public struct DeidentificationKey: DeidentificationKeying {
    /// First 16 hexadecimal digits of the key's SHA-256.
    public let id: String
    private let hasher: KeyedHasher

    init(bytes: [UInt8]) {
        id = String(ContentHasher.digest(of: bytes).hex.prefix(16))
        hasher = KeyedHasher(key: bytes)
    }

    /// Reads the key at `path`, creating it (and its folder) when missing (see ``KeyFile``).
    static func loadOrCreate(path: String) throws -> DeidentificationKey {
        DeidentificationKey(bytes: try KeyFile.loadOrCreate(path: path).bytes)
    }

    // MARK: - DeidentificationKeying

    public func remapUID(_ uid: String) -> String {
        "2.25." + Self.decimal(Array(hasher.mac("uid:" + uid).prefix(16)))
    }

    public func pseudonym(forPatient id: String) -> String {
        "ANON-" + Self.hex(hasher.mac("patient:" + id).prefix(8))
    }

    public func dateShiftDays(forPatient id: String) -> Int {
        let bytes = hasher.mac("date:" + id)
        let value = bytes.prefix(4).reduce(0) { $0 << 8 | Int($1) }
        return 1 + value % 3650
    }

    /// The pseudonym standing for sample `name`.
    public func pseudonym(forSample name: String) -> String {
        "ANON-S-" + Self.hex(hasher.mac("sample:" + name).prefix(8))
    }

    // MARK: - Formatting

    static func hex<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        bytes.map { String(format: "%02X", $0) }.joined()
    }

    /// The big-endian unsigned integer in `bytes`, in decimal (no leading zeros), by repeated division.
    static func decimal(_ bytes: [UInt8]) -> String {
        var number = bytes
        var digits: [UInt8] = []
        while number.contains(where: { $0 != 0 }) {
            var remainder = 0
            for index in number.indices {
                let value = remainder << 8 | Int(number[index])
                number[index] = UInt8(value / 10)
                remainder = value % 10
            }
            digits.append(UInt8(remainder) + 0x30)
        }
        return digits.isEmpty ? "0" : String(decoding: digits.reversed(), as: UTF8.self)
    }
}
