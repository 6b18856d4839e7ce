#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading the entries `readdir(3)` returns.
public enum DirectoryEntry {
    /// The name of `entry`, as bytes (a file name need not be UTF-8).
    ///
    /// Read through a pointer to `d_name`, never by copying the field: the C struct declares a 256-byte
    /// array, but entries are packed by their `d_reclen`, so the last one in `readdir`'s buffer may end
    /// just after its name, and a copy of the whole array would read past the buffer.
    public static func name(of entry: UnsafePointer<dirent>) -> [UInt8] {
        let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name) ?? 0
        let name = UnsafeRawPointer(entry) + offset
        return Array(UnsafeRawBufferPointer(start: name, count: strlen(name.assumingMemoryBound(to: CChar.self))))
    }
}
