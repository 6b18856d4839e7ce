import Catalog
import Foundation
import Storage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Lake {
    /// Creates a lake in `path` (a new or empty folder) with the acting user in every role.
    ///
    /// Writes `lake.toml` (0640), `lake.id` (0440), `catalog.sqlite` (0660, WAL, recording the same lake
    /// id), the tier folders (02770, each with its ``TierIdentity``) and the lake's keys — audit, catalog
    /// pseudonyms, de-identification (``KeyFile``: 0600 in a 0700 `keys/`; 0640 in 02750 with a group) —
    /// with no world access. The audit log starts keyed: its `lake.init` records the roles. When `group` is given the lake's files belong to that Unix group, so the users named in
    /// `[roles]` (members of the group) can share it; the setgid bit makes new files inherit the group.
    public static func create(at path: String, group: String? = nil) throws -> Lake {
        try create(at: path, group: group, as: Identity.current())
    }

    static func create(at path: String, group: String?, as actor: Identity) throws -> Lake {
        let root = URL(fileURLWithPath: path).standardizedFileURL.path
        let configurationPath = root + "/" + configurationFileName
        if FileManager.default.fileExists(atPath: configurationPath) { throw LakeError.lakeExists(path: root) }
        if let entries = try? FileManager.default.contentsOfDirectory(atPath: root), !entries.isEmpty {
            throw LakeError.invalidArgument("Please create the lake in a new or empty folder (\(root) holds files).")
        }
        let groupID = try group.map(groupID(named:))

        try makeSharedFolder(root, group: groupID)
        let name = URL(fileURLWithPath: root).lastPathComponent
        let text = LakeConfiguration.defaultTOML(name: name, owner: actor.user, group: group)
        try writeNewFile(configurationPath, contents: Array(text.utf8), mode: 0o640, group: groupID)
        let configuration = try LakeConfiguration(toml: text, path: configurationPath)
        try configuration.checkTierFolders(lakeRoot: root, text: text, path: configurationPath)
        let id = try createIdentityFile(root: root, id: UUID().uuidString.lowercased())

        let catalogPath = root + "/" + catalogFileName
        // SQLite gives the WAL and shared-memory files (which outlive each process) the catalog's mode, so
        // the catalog exists with its final mode and group before SQLite opens it.
        try writeNewFile(catalogPath, contents: [], mode: 0o660, group: groupID)
        let catalog = try CatalogStore(path: catalogPath)
        try setMode(catalogPath, 0o660, group: groupID)
        try catalog.write { tx in try tx.recordLakeIdentity(id) }
        let lake = Lake(root: root, configuration: configuration, catalog: catalog, actor: actor, id: id)
        try makeSharedFolder(root + "/tiers", group: groupID)
        for name in configuration.tiers.keys.sorted() where configuration.tiers[name]?.s3 == nil {
            let tier = try lake.tier(named: name)
            try tier.prepare()
            for folder in [tier.root, tier.objectsFolder] { try setMode(folder, 0o2770, group: groupID) }
            _ = try tier.writeIdentity(lake.expectedIdentity(of: name))
        }
        _ = try lake.deidentificationKey()
        for purpose in LakeKeyPurpose.allCases {
            _ = try KeyFile.loadOrCreate(path: lake.keyPath(purpose), group: lake.keyGroup())
        }
        try catalog.write { tx in
            try lake.appendAudit(
                tx, role: .admin, action: "lake.init", target: name,
                details: [
                    "group": group ?? "", "tiers": configuration.tiers.keys.sorted().joined(separator: ","),
                    RoleSnapshot.detailKey: RoleSnapshot.text(configuration.roles),
                ]
            )
            try lake.recordConfigurationSnapshot(text: text, tx)
        }
        return lake
    }

    // MARK: - File helpers

    static func groupID(named name: String) throws -> gid_t {
        guard let entry = getgrnam(name) else { throw LakeError.unknownGroup(name) }
        return entry.pointee.gr_gid
    }

    private static func makeSharedFolder(_ path: String, group: gid_t?) throws {
        if mkdir(path, 0o2770) != 0, errno != EEXIST {
            throw LakeError.system(operation: "mkdir", path: path, errno: errno)
        }
        try setMode(path, 0o2770, group: group)
    }

    /// Sets `mode` explicitly (the umask must not widen or narrow what the lake shares) and the group.
    static func setMode(_ path: String, _ mode: mode_t, group: gid_t?) throws {
        if let group, chown(path, uid_t.max, group) != 0 {
            throw LakeError.system(operation: "chown", path: path, errno: errno)
        }
        guard chmod(path, mode) == 0 else { throw LakeError.system(operation: "chmod", path: path, errno: errno) }
    }

    static func writeNewFile(_ path: String, contents: [UInt8], mode: mode_t, group: gid_t?) throws {
        let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw LakeError.system(operation: "create", path: path, errno: errno) }
        defer { close(descriptor) }
        let written = contents.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == contents.count, fsync(descriptor) == 0 else {
            throw LakeError.system(operation: "write", path: path, errno: errno)
        }
        try setMode(path, mode, group: group)
    }
}
