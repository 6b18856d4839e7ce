import Foundation
import Storage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lists the regular files under the paths given to ingest.
///
/// Names are kept as the file system's bytes (``SourcePath``), never decoded to `String` on the way, so a
/// file whose name is not UTF-8 is found and opened like any other. Symbolic links are followed only
/// when their target resolves inside one of the roots (so a link cannot pull `/etc` into a dataset);
/// folders are visited once each (by device and inode), so link loops end. FIFOs, sockets and devices are
/// never opened (opening a FIFO would block): they are skipped and reported, as are links leading out of
/// the roots. A path that cannot be read at all (missing, an unlistable folder) is a failure.
struct FileWalker {
    /// A regular file to ingest.
    struct Entry: Sendable, Hashable {
        /// The path as reached from a root.
        var path: SourcePath
        var size: Int64
    }

    /// A path that was not ingested (skipped on purpose, or failed), and why.
    struct Problem: Sendable, Hashable, Codable {
        /// ``SourcePath/text`` of the path.
        var path: String
        var reason: String
    }

    private(set) var files: [Entry] = []
    /// Paths left alone on purpose (special files, links out of the roots).
    private(set) var skipped: [Problem] = []
    /// Paths that should have been read and could not be.
    private(set) var failures: [Problem] = []
    private var rootPrefixes: [[UInt8]] = []
    private var visitedFolders: Set<FolderID> = []

    private struct FolderID: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    /// Walks `roots` (files or folders) in order; files appear sorted (by name bytes) within each folder.
    init(roots: [SourcePath]) {
        rootPrefixes = roots.compactMap(Self.resolved)
        for root in roots { visit(root, fromRoot: true) }
    }

    private mutating func visit(_ path: SourcePath, fromRoot: Bool) {
        var info = stat()
        guard path.withCString({ lstat($0, &info) }) == 0 else {
            failures.append(Problem(path: path.text, reason: "cannot stat: \(String(cString: strerror(errno)))"))
            return
        }
        if (info.st_mode & S_IFMT) == S_IFLNK {
            guard let target = Self.resolved(path) else {
                skipped.append(Problem(path: path.text, reason: "broken symbolic link"))
                return
            }
            guard fromRoot || rootPrefixes.contains(where: { Self.isInside(target, $0) }) else {
                skipped.append(Problem(path: path.text, reason: "symbolic link leads out of the ingested folders"))
                return
            }
            guard path.withCString({ stat($0, &info) }) == 0 else {
                failures.append(Problem(path: path.text, reason: "cannot stat link target"))
                return
            }
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            files.append(Entry(path: path, size: Int64(info.st_size)))
        case S_IFDIR:
            let id = FolderID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
            guard visitedFolders.insert(id).inserted else { return }
            guard let names = Self.names(in: path) else {
                failures.append(Problem(path: path.text, reason: "cannot list folder: \(String(cString: strerror(errno)))"))
                return
            }
            for name in names { visit(path.appending(component: name), fromRoot: false) }
        case S_IFIFO:
            skipped.append(Problem(path: path.text, reason: "special file (FIFO)"))
        case S_IFSOCK:
            skipped.append(Problem(path: path.text, reason: "special file (socket)"))
        case S_IFCHR, S_IFBLK:
            skipped.append(Problem(path: path.text, reason: "special file (device)"))
        default:
            skipped.append(Problem(path: path.text, reason: "special file"))
        }
    }

    /// The names in folder `path` (without `.` and `..`), sorted by their bytes; nil when it cannot be
    /// listed (`errno` says why).
    private static func names(in path: SourcePath) -> [[UInt8]]? {
        guard let folder = path.withCString({ opendir($0) }) else { return nil }
        defer { closedir(folder) }
        var names: [[UInt8]] = []
        while let entry = readdir(folder) {
            let name = DirectoryEntry.name(of: entry)
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            names.append(name)
        }
        return names.sorted { $0.lexicographicallyPrecedes($1) }
    }

    private static func resolved(_ path: SourcePath) -> [UInt8]? {
        guard let pointer = path.withCString({ realpath($0, nil) }) else { return nil }
        defer { free(pointer) }
        return Array(UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)))
    }

    private static func isInside(_ path: [UInt8], _ root: [UInt8]) -> Bool {
        let folder = root.last == UInt8(ascii: "/") ? root : root + [UInt8(ascii: "/")]
        return path == root || path.starts(with: folder)
    }
}
