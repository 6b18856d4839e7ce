import Foundation

#if canImport(Glibc)
import Glibc
#endif

extension Lake {
    /// Makes the account `uid`:`gid` the only one with access to the lake in `root`: it owns every file
    /// and folder; files keep only their owner bits (the catalog, keys and configuration become 0600,
    /// read-only files such as `lake.id` and objects 0400), folders become 0700, and the lake folder 0711
    /// so that others can reach the service's socket inside it but list and open nothing else.
    ///
    /// Run by `medlake init --service-user` as root, once the lake is created. Symbolic links are neither
    /// followed nor changed (`lchown`), so a link cannot turn the walk onto files outside the lake.
    /// - Throws: ``LakeError/system(operation:path:errno:)`` naming the first entry that could not change.
    public static func handOver(root: String, toUser uid: uid_t, group gid: gid_t) throws {
        let entries = try FileManager.default.subpathsOfDirectory(atPath: root)
        for entry in entries.sorted() { try restrict(root + "/" + entry, uid: uid, gid: gid, folderMode: 0o700) }
        try restrict(root, uid: uid, gid: gid, folderMode: 0o711)
    }

    private static func restrict(_ path: String, uid: uid_t, gid: gid_t, folderMode: mode_t) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { throw LakeError.system(operation: "lstat", path: path, errno: errno) }
        let kind = info.st_mode & S_IFMT
        if kind == S_IFLNK { return }
        guard lchown(path, uid, gid) == 0 else { throw LakeError.system(operation: "chown", path: path, errno: errno) }
        let mode = kind == S_IFDIR ? folderMode : info.st_mode & 0o700
        guard chmod(path, mode) == 0 else { throw LakeError.system(operation: "chmod", path: path, errno: errno) }
    }
}
