#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reflinks: a new file sharing another's blocks copy-on-write (Linux `FICLONE`, on XFS, Btrfs, bcachefs…).
///
/// Unlike a hard link, the clone is its own inode with its own owner and mode, and a write to either file
/// copies the blocks it touches: whoever owns the clone can change it without changing the original.
public enum FileClone {
    /// `FICLONE` from `linux/fs.h`: `_IOW(0x94, 9, int)`.
    static let request: UInt = 0x4004_9409

    /// Makes the open, empty file `destination` a clone of the file `source`. Returns false when the file
    /// system cannot (another file system, no reflink support): the caller then copies.
    public static func clone(source: String, into destination: Int32) -> Bool {
        #if os(Linux)
        let descriptor = open(source, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return ioctl(destination, request, descriptor) == 0
        #else
        return false
        #endif
    }
}
