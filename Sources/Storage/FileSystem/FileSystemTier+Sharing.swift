#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FileSystemTier {
    /// True when this tier's objects and `other`'s are on one file system, so that a move between them
    /// is a hard link (``stageShared(_:from:owner:verify:)``) and no byte is copied.
    public func sharesFileSystem(with other: FileSystemTier) -> Bool {
        var mine = stat()
        var theirs = stat()
        guard stat(objectsFolder, &mine) == 0, stat(other.objectsFolder, &theirs) == 0 else { return false }
        return mine.st_dev == theirs.st_dev
    }
}
