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
        try handOverTree(root, uid: uid, gid: gid, topMode: 0o711)
    }

    /// Hands an existing lake, made by one user, to the service account `uid`:`gid` so that it is served
    /// (`medlake share`): the lake folder as ``handOver(root:toUser:group:)`` does, and with it what
    /// `lake.toml` names outside the folder — folder tiers elsewhere, the de-identification key file, the
    /// catalog's password file (``LakeConfiguration/namedPaths(lakeRoot:)``).
    ///
    /// Nothing changes unless every entry of the lake folder and every named path belongs to the lake
    /// folder's owner: a `lake.toml` naming another user's folder as a tier must not make root give that
    /// folder to the service. Modes need not be private yet (a lake left group-shared by an older version
    /// is handed over too); the hand-over makes them so. Run as root.
    /// - Returns: The user id the lake belonged to.
    /// - Throws: ``LakeShareError``; ``ConfigurationError`` for a `lake.toml` that does not read;
    ///   ``LakeError/system(operation:path:errno:)`` naming the entry that could not change.
    @discardableResult
    public static func share(root: String, toUser uid: uid_t, group gid: gid_t) throws -> uid_t {
        var info = stat()
        guard stat(root, &info) == 0 else { throw LakeError.system(operation: "stat", path: root, errno: errno) }
        let owner = info.st_uid
        if owner == uid { throw LakeShareError.alreadyServed(root: root, account: uid) }
        let configuration = try readConfiguration(root: root).configuration
        let lake = realPath(root) ?? root
        let outside = configuration.namedPaths(lakeRoot: root).compactMap(realPath).filter {
            $0 != lake && !$0.hasPrefix(lake + "/")
        }
        let entries = try FileManager.default.contentsOfDirectory(atPath: root).sorted().map { root + "/" + $0 }
        for path in entries + outside { try requireOwned(path, by: owner, root: root) }
        for path in outside { try handOverTree(path, uid: uid, gid: gid, topMode: 0o700) }
        try handOver(root: root, toUser: uid, group: gid)
        return owner
    }

    /// Records in the lake's audit log that `actor` handed it from `previousOwner` to `account`
    /// (`lake.shared`). Run by `medlake share` once the process has become the service account, which
    /// alone can open the lake now.
    public static func recordShare(root: String, by actor: Identity, previousOwner: String, account: String) throws {
        let lake = try open(at: root, as: actor)
        try lake.catalog.write { tx in
            try lake.appendAudit(
                tx, roleName: lake.actorRoles.min()?.rawValue ?? "none", action: "lake.shared",
                target: URL(fileURLWithPath: root).lastPathComponent,
                details: ["previousOwner": previousOwner, "serviceAccount": account])
        }
    }

    /// `top` and everything under it to `uid`:`gid`, owner bits only; folders 0700, `top` `topMode` if a folder.
    private static func handOverTree(_ top: String, uid: uid_t, gid: gid_t, topMode: mode_t) throws {
        var info = stat()
        guard lstat(top, &info) == 0 else { throw LakeError.system(operation: "lstat", path: top, errno: errno) }
        if info.st_mode & S_IFMT == S_IFDIR {
            for entry in try FileManager.default.subpathsOfDirectory(atPath: top).sorted() {
                try restrict(top + "/" + entry, uid: uid, gid: gid, folderMode: 0o700)
            }
        }
        try restrict(top, uid: uid, gid: gid, folderMode: topMode)
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

    /// Refuses `path` (when it exists; a socket passes) unless user `owner` owns it.
    private static func requireOwned(_ path: String, by owner: uid_t, root: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return }
            throw LakeError.system(operation: "lstat", path: path, errno: errno)
        }
        if info.st_mode & S_IFMT == S_IFSOCK { return }
        guard info.st_uid == owner else {
            throw LakeShareError.foreignEntry(root: root, path: path, owner: info.st_uid, expected: owner)
        }
    }

    /// The canonical path of an existing `path`, symbolic links resolved; nil when it does not exist.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
