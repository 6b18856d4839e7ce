import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LakeConfiguration {
    /// Checks where the filesystem tiers' folders really are, following `..`, `./` and symlinks
    /// (realpath of the part that exists) and comparing device and inode, and refuses a layout in which
    /// a delete in one tier could remove another tier's objects or the lake's own files:
    ///
    /// - two tiers in one folder (`tiers/hot`, `tiers/./hot`, its absolute path, a symlink to it);
    /// - a tier inside another tier;
    /// - a tier that is the lake folder or holds it (`.`, `..`, `/`), or lies inside the lake's own files
    ///   (`lake.toml`, `lake.id`, the catalog, the key folder);
    /// - a system folder (`/etc`, `/usr`, `/var`, `/home`, a user's home folder…) or a folder inside
    ///   the system's own trees (`/etc`, `/usr`, `/bin`, `/proc`…).
    ///
    /// `text` and `path` are `lake.toml`'s, to name the line of the offending `tiers.<name>.path` key.
    /// - Throws: ``ConfigurationError`` naming the file, line and key.
    func checkTierFolders(lakeRoot: String, text: String, path: String) throws {
        let locator = TOMLKeyLocator(text: text)
        let lake = Self.resolve(lakeRoot)
        let ownFiles = ownFileFolders(lakeRoot: lakeRoot).map(Self.resolve)
        let folders = tiers.values.filter { $0.s3 == nil }
            .map { tier in (tier: tier, key: "tiers.\(tier.name).path") }
            .sorted { (locator.line(of: $0.key) ?? 0, $0.tier.name) < (locator.line(of: $1.key) ?? 0, $1.tier.name) }
        var seen: [(name: String, folder: ResolvedFolder)] = []
        for (tier, key) in folders {
            func refuse(_ message: String) -> ConfigurationError {
                ConfigurationError(path: path, line: locator.line(of: key), key: key, message: message)
            }
            let absolute = tier.path.hasPrefix("/") ? tier.path : lakeRoot + "/" + tier.path
            let folder = Self.resolve(absolute)
            if folder.path == lake.path || folder.sameNode(as: lake) || lake.path.isInside(folder.path) {
                throw refuse("tier '\(tier.name)' resolves to \(folder.path), which is the lake folder or holds it")
            }
            if let system = Self.systemFolder(folder.path) {
                throw refuse("tier '\(tier.name)' resolves to \(folder.path), inside the system folder \(system)")
            }
            if let own = ownFiles.first(where: { folder.path == $0.path || folder.path.isInside($0.path) }) {
                throw refuse("tier '\(tier.name)' resolves to \(folder.path), one of the lake's own files (\(own.path))")
            }
            for (other, otherFolder) in seen {
                if folder.path == otherFolder.path || folder.sameNode(as: otherFolder) {
                    throw refuse("tiers '\(other)' and '\(tier.name)' are one folder (\(folder.path)); every tier needs its own")
                }
                if folder.path.isInside(otherFolder.path) || otherFolder.path.isInside(folder.path) {
                    throw refuse("tier '\(tier.name)' (\(folder.path)) and tier '\(other)' (\(otherFolder.path)) are nested; tiers must not contain each other")
                }
            }
            seen.append((tier.name, folder))
        }
    }

    /// The lake's own files and folders that no tier may be or lie in.
    private func ownFileFolders(lakeRoot: String) -> [String] {
        let key = governance.keyFile.hasPrefix("/") ? governance.keyFile : lakeRoot + "/" + governance.keyFile
        let keyFolder = (key as NSString).deletingLastPathComponent
        let files = [
            Lake.configurationFileName, "lake.local.toml", Lake.identityFileName, Lake.catalogFileName,
            Lake.catalogFileName + "-wal", Lake.catalogFileName + "-shm",
        ]
        return files.map { lakeRoot + "/" + $0 } + (keyFolder == lakeRoot ? [key] : [keyFolder])
    }

    // MARK: - Resolving

    /// A folder as the kernel finds it: the real path of its longest existing part plus the rest, and the
    /// device and inode when it exists.
    struct ResolvedFolder {
        var path: String
        var node: (device: UInt64, inode: UInt64)?

        func sameNode(as other: ResolvedFolder) -> Bool {
            guard let node, let otherNode = other.node else { return false }
            return node == otherNode
        }
    }

    static func resolve(_ path: String) -> ResolvedFolder {
        var existing = URL(fileURLWithPath: path).standardizedFileURL.path
        var rest: [String] = []
        while true {
            if let real = realpath(existing, nil) {
                defer { free(real) }
                var resolved = String(cString: real)
                for part in rest.reversed() { resolved = resolved == "/" ? "/" + part : resolved + "/" + part }
                var info = stat()
                let node = stat(resolved, &info) == 0 ? (UInt64(info.st_dev), UInt64(info.st_ino)) : nil
                return ResolvedFolder(path: resolved, node: node)
            }
            let url = URL(fileURLWithPath: existing)
            guard existing != "/" else { return ResolvedFolder(path: path, node: nil) }
            rest.append(url.lastPathComponent)
            existing = url.deletingLastPathComponent().path
        }
    }

    // MARK: - System folders

    /// Folders that are never a tier themselves.
    static let systemFolders: Set<String> = [
        "/", "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib32", "/lib64", "/libx32", "/media", "/mnt",
        "/opt", "/proc", "/root", "/run", "/sbin", "/snap", "/srv", "/sys", "/tmp", "/usr", "/var", "/var/lib",
        "/var/log", "/var/tmp", "/var/cache", "/var/spool", "/var/mail",
    ]

    /// Trees that belong to the system: no tier lies anywhere inside them.
    static let systemTrees = ["/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/libx32", "/proc", "/sbin", "/sys", "/usr"]

    /// The system folder `path` is or lies in, or nil. Users' home folders (from `/etc/passwd`) count.
    static func systemFolder(_ path: String) -> String? {
        if systemFolders.contains(path) { return path }
        if let tree = systemTrees.first(where: { path.isInside($0) }) { return tree }
        return homeFolders().contains(path) ? path : nil
    }

    /// The home folders of the password database's users (read from the file: getpwent is not thread-safe).
    private static func homeFolders() -> Set<String> {
        guard let text = try? String(contentsOfFile: "/etc/passwd", encoding: .utf8) else { return [] }
        return Set(text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            return fields.count > 5 ? String(fields[5]) : nil
        })
    }
}

extension String {
    /// True when `self` is a path strictly inside the folder `folder`.
    fileprivate func isInside(_ folder: String) -> Bool {
        folder == "/" ? self != "/" && hasPrefix("/") : hasPrefix(folder + "/")
    }
}
