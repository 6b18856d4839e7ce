#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CFileShim

/// Makes everything written under a folder durable with one call, for writers of many files (a staging)
/// that would otherwise fsync each.
public enum FileSystemFlush {
    /// Writes back the dirty data and inodes of the file system holding `folder` and flushes the disk's
    /// cache (syncfs, which reports write-back errors). Where the platform has no syncfs, fsyncs the
    /// folder alone and returns false: the caller then fsyncs its files itself.
    @discardableResult
    public static func flush(folder: String) throws -> Bool {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StorageError(operation: "open", path: folder, errno: errno) }
        defer { close(descriptor) }
        if medlake_syncfs(descriptor) == 0 { return true }
        guard errno == ENOSYS else { throw StorageError(operation: "syncfs", path: folder, errno: errno) }
        guard fsync(descriptor) == 0 else { throw StorageError(operation: "fsync", path: folder, errno: errno) }
        return false
    }
}
