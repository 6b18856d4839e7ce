#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The first eight tab-separated fields of a text record, found with `memchr`, plus the total column
/// count; a value type so VCF and SAM record walks need no allocation per line.
struct LineFields {
    /// Start offsets of fields 0…8 (the ninth entry ends field 7).
    private var starts: (Int, Int, Int, Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0, 0, 0, 0)
    private var found = 0
    private let line: UnsafeRawBufferPointer
    /// The number of tab-separated columns in the line.
    private(set) var columnCount = 1

    init(_ line: UnsafeRawBufferPointer) {
        self.line = line
        guard let base = line.baseAddress else { return }
        var position = 0
        found = 1
        while position < line.count, let tab = memchr(base + position, 0x09, line.count - position) {
            let index = UnsafeRawPointer(tab) - base
            columnCount += 1
            if found < 9 {
                withUnsafeMutableBytes(of: &starts) { $0.storeBytes(of: index + 1, toByteOffset: found * 8, as: Int.self) }
                found += 1
            }
            position = index + 1
        }
    }

    /// Field `index` (0-based, up to 7), or nil when the line has fewer fields.
    subscript(index: Int) -> UnsafeRawBufferPointer? {
        guard index < 8, index < found else { return nil }
        let start = withUnsafeBytes(of: starts) { $0.load(fromByteOffset: index * 8, as: Int.self) }
        let end = index + 1 < found
            ? withUnsafeBytes(of: starts) { $0.load(fromByteOffset: (index + 1) * 8, as: Int.self) } - 1
            : line.count
        return UnsafeRawBufferPointer(rebasing: line[start..<end])
    }
}
