import CFileShim

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A uniquely named file being written before it is renamed into place.
///
/// - warning: Not thread-safe; one writer per temporary file.
final class TemporaryFile {
    let path: String
    private var descriptor: Int32
    /// The file is open for direct I/O (writes of whole aligned blocks bypass the page cache).
    private var direct: Bool

    /// Creates a new file with a random name in `folder` (never reusing an existing name). A non-empty
    /// `owner` goes into the name (`object-OWNER-…`), so the owner's leftovers can be found by name, and so
    /// does this process's ``ProcessStamp``, so a later process can prove the writer dead.
    /// With `direct`, the file is opened for direct I/O where the file system allows it.
    init(in folder: String, owner: String = "", direct: Bool = false) throws {
        let prefix = folder + "/" + Self.stampedPrefix(owner: owner)
        let directFlag = direct ? medlake_open_direct_flag() : 0
        while true {
            let path = prefix + String(UInt64.random(in: .min ... .max), radix: 36) + ".partial"
            var descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | directFlag, 0o600)
            var isDirect = directFlag != 0
            if descriptor < 0, isDirect, errno == EINVAL {
                // A file system without direct I/O refuses it after creating the file.
                descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
                isDirect = false
            }
            if descriptor >= 0 {
                self.path = path
                self.descriptor = descriptor
                self.direct = isDirect
                return
            }
            if errno != EEXIST { throw StorageError(operation: "create", path: path, errno: errno) }
        }
    }

    /// Links the file at `target` under a new random name in `folder` (named for `owner` like a new
    /// temporary file) and returns that name, or nil when `target` cannot be linked from there: another
    /// file system (EXDEV), or one without hard links or that refuses this one (EPERM, ENOTSUP, EMLINK).
    /// Only a name is created; the file's bytes are not touched.
    static func hardLink(_ target: String, in folder: String, owner: String) throws -> String? {
        let prefix = folder + "/" + stampedPrefix(owner: owner)
        while true {
            let path = prefix + String(UInt64.random(in: .min ... .max), radix: 36) + ".partial"
            if link(target, path) == 0 { return path }
            let code = errno
            if code == EEXIST { continue }
            if [EXDEV, EPERM, ENOTSUP, EOPNOTSUPP, EMLINK].contains(code) { return nil }
            throw StorageError(operation: "link", path: target, errno: code)
        }
    }

    /// The start of the names of `owner`'s temporary files (`object-` for files without an owner).
    static func namePrefix(owner: String) -> String {
        owner.isEmpty ? "object-" : "object-" + owner + "-"
    }

    /// The start of the names this process gives `owner`'s temporary files: the owner's prefix and the
    /// process stamp.
    static func stampedPrefix(owner: String) -> String {
        namePrefix(owner: owner) + ProcessStamp.current.nameComponent
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Appends all of `bytes`, retrying short writes.
    func append(_ bytes: UnsafeRawBufferPointer) throws {
        try writeAll(bytes, to: descriptor, path: path)
    }

    /// Appends all of `buffer`: its whole blocks straight to the disk when the file is open for direct I/O,
    /// the rest (everything, when the file system refuses direct I/O) through the page cache.
    func append(_ buffer: AlignedBuffer) throws {
        var done = 0
        if direct {
            let blocks = UnsafeRawBufferPointer(rebasing: buffer.bytes[0..<buffer.wholeBlockCount])
            do {
                try writeAll(blocks, to: descriptor, path: path)
                done = blocks.count
            } catch let error as StorageError where error.errno == EINVAL {
                // Direct I/O refused for these blocks: start again through the page cache.
                guard ftruncate(descriptor, 0) == 0, lseek(descriptor, 0, SEEK_SET) == 0 else {
                    throw StorageError(operation: "write", path: path, errno: errno)
                }
            }
            guard done < buffer.count else { return }
            // The file status flags hold nothing but O_DIRECT: clear them all.
            guard fcntl(descriptor, F_SETFL, 0) == 0 else { throw StorageError(operation: "fcntl", path: path, errno: errno) }
            direct = false
        }
        try append(UnsafeRawBufferPointer(rebasing: buffer.bytes[done...]))
    }

    /// Writes the file's cached pages (the tail that did not fill a block) to disk and waits, so a write
    /// error surfaces here, for this file; then sets `mode` and closes the file. The inode and the disk's
    /// cache are flushed later for a whole batch (``FileSystemTier/publish(_:)``). Where the platform
    /// cannot write a range out, the file is fsynced instead.
    func closeWrittenOut(mode: mode_t) throws {
        if medlake_write_range_and_wait(descriptor, 0, 0) != 0 {
            guard errno == ENOSYS, fsync(descriptor) == 0 else {
                throw StorageError(operation: "write", path: path, errno: errno)
            }
        }
        try closeUnflushed(mode: mode)
    }

    /// Makes the file read-only, flushes it to disk and closes it.
    func finish() throws {
        guard fchmod(descriptor, 0o400) == 0 else { throw StorageError(operation: "chmod", path: path, errno: errno) }
        guard fsync(descriptor) == 0 else { throw StorageError(operation: "fsync", path: path, errno: errno) }
        close(descriptor)
        descriptor = -1
    }

    /// Asks the kernel to start writing the file's dirty pages to disk now, without waiting: a later
    /// fsync then finds most of the data written, and the disk works while the copy goes on. (On Linux,
    /// `POSIX_FADV_DONTNEED` starts writeback of dirty pages and drops only clean ones.) A hint: failures
    /// are ignored.
    func startWriteBack() {
        _ = posix_fadvise(descriptor, 0, 0, Int32(POSIX_FADV_DONTNEED))
    }

    /// Sets `mode` and closes the file without flushing it (``FileSystemTier/publish(_:)`` flushes later).
    func closeUnflushed(mode: mode_t) throws {
        guard fchmod(descriptor, mode) == 0 else { throw StorageError(operation: "chmod", path: path, errno: errno) }
        close(descriptor)
        descriptor = -1
    }

    /// Closes and removes the file (used when the object was already present or writing failed).
    func discard() {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
        unlink(path)
    }
}
