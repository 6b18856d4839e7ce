/// The order people expect in a sorted table: case-insensitive, with digit runs compared as numbers
/// (`file2` < `file10`, `9` < `120`).
///
/// Works on UTF-8 bytes made once per value (``key(_:)``), so sorting 10,000 rows costs a few
/// milliseconds, where `String.compare(options: .numeric)` took a frame's budget many times over.
/// Non-ASCII bytes compare by value; that is stable and good enough for identifiers and codes.
public enum NaturalOrder {
    /// The comparable form of `value`: its UTF-8 bytes with ASCII letters lowercased.
    public static func key(_ value: String) -> [UInt8] {
        value.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    }

    /// Whether `lhs` sorts before `rhs` (both made by ``key(_:)``).
    public static func precedes(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        compare(lhs, rhs) < 0
    }

    /// -1, 0 or 1 as `lhs` sorts before, with or after `rhs`.
    public static func compare(_ lhs: [UInt8], _ rhs: [UInt8]) -> Int {
        var i = 0
        var j = 0
        while i < lhs.count, j < rhs.count {
            let a = lhs[i]
            let b = rhs[j]
            if isDigit(a), isDigit(b) {
                // Skip leading zeros, then the longer run is the larger number; equal lengths compare digitwise.
                var startA = i
                var startB = j
                while startA < lhs.count, lhs[startA] == 0x30 { startA += 1 }
                while startB < rhs.count, rhs[startB] == 0x30 { startB += 1 }
                var endA = startA
                var endB = startB
                while endA < lhs.count, isDigit(lhs[endA]) { endA += 1 }
                while endB < rhs.count, isDigit(rhs[endB]) { endB += 1 }
                if endA - startA != endB - startB { return endA - startA < endB - startB ? -1 : 1 }
                for offset in 0..<(endA - startA) where lhs[startA + offset] != rhs[startB + offset] {
                    return lhs[startA + offset] < rhs[startB + offset] ? -1 : 1
                }
                i = endA
                j = endB
                continue
            }
            if a != b { return a < b ? -1 : 1 }
            i += 1
            j += 1
        }
        if lhs.count - i == rhs.count - j { return 0 }
        return lhs.count - i < rhs.count - j ? -1 : 1
    }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
