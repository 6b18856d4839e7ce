import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lists the regular files under the paths given to ingest.
///
/// Symbolic links are followed only when their target resolves inside one of the roots (so a link
/// cannot pull `/etc` into a dataset); folders are visited once each (by device and inode), so link
/// loops end. FIFOs, sockets and devices are never opened (opening a FIFO would block): they are
/// skipped and reported, as are links leading out of the roots and unreadable folders.
struct FileWalker {
    /// A regular file to ingest.
    struct Entry: Sendable, Hashable {
        /// The path as reached from a root.
        var path: String
        var size: Int64
    }

    /// A path that was not ingested, and why.
    struct Skipped: Sendable, Hashable, Codable {
        var path: String
        var reason: String
    }

    private(set) var files: [Entry] = []
    private(set) var skipped: [Skipped] = []
    private var rootPrefixes: [String] = []
    private var visitedFolders: Set<FolderID> = []

    private struct FolderID: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    /// Walks `roots` (files or folders) in order; files appear sorted within each folder.
    init(roots: [String]) {
        rootPrefixes = roots.compactMap(Self.resolved)
        for root in roots { visit(root, fromRoot: true) }
    }

    private mutating func visit(_ path: String, fromRoot: Bool) {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            skipped.append(Skipped(path: path, reason: "cannot stat: \(String(cString: strerror(errno)))"))
            return
        }
        if (info.st_mode & S_IFMT) == S_IFLNK {
            guard let target = Self.resolved(path) else {
                skipped.append(Skipped(path: path, reason: "broken symbolic link"))
                return
            }
            guard fromRoot || rootPrefixes.contains(where: { Self.isInside(target, $0) }) else {
                skipped.append(Skipped(path: path, reason: "symbolic link leads out of the ingested folders"))
                return
            }
            guard stat(path, &info) == 0 else {
                skipped.append(Skipped(path: path, reason: "cannot stat link target"))
                return
            }
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            files.append(Entry(path: path, size: Int64(info.st_size)))
        case S_IFDIR:
            let id = FolderID(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
            guard visitedFolders.insert(id).inserted else { return }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
            } catch {
                skipped.append(Skipped(path: path, reason: "cannot list folder"))
                return
            }
            for name in names { visit(path + "/" + name, fromRoot: false) }
        case S_IFIFO:
            skipped.append(Skipped(path: path, reason: "special file (FIFO)"))
        case S_IFSOCK:
            skipped.append(Skipped(path: path, reason: "special file (socket)"))
        case S_IFCHR, S_IFBLK:
            skipped.append(Skipped(path: path, reason: "special file (device)"))
        default:
            skipped.append(Skipped(path: path, reason: "special file"))
        }
    }

    private static func resolved(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    private static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }
}
