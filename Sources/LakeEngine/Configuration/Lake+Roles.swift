import Catalog
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Lake {
    /// Gives `user` the role `role` in `lake.toml` (admin only); audited as `config.roles` with the roles
    /// in force afterwards (``RoleSnapshot``), which `audit verify` compares with the files.
    ///
    /// The file is rewritten atomically (temporary file, fsync, rename) with the same mode and group, and
    /// only its `[roles]` table changes; the catalog's configuration snapshot is updated with the audit
    /// event, so the next open does not report the change again. Returns the lake reopened with the new
    /// configuration. Revoking also removes a role claimed in `lake.local.toml`.
    public func grant(_ role: Role, to user: String) throws -> Lake {
        try changeRoles(user: user, role: role, granted: true)
    }

    /// Takes `role` away from `user` (admin only); audited as `config.roles`. The last admin cannot be
    /// removed, so a lake always has someone who can change its roles.
    public func revoke(_ role: Role, from user: String) throws -> Lake {
        try changeRoles(user: user, role: role, granted: false)
    }

    private func changeRoles(user: String, role: Role, granted: Bool) throws -> Lake {
        let allowedAs = try authorize(.configure)
        guard !user.isEmpty, !user.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw LakeError.invalidArgument("Please give a Unix user name without control characters.")
        }
        var roles = configuration.roles
        if granted {
            roles[role, default: []].insert(user)
        } else {
            roles[role]?.remove(user)
            if role == .admin, roles[.admin]?.isEmpty ?? true {
                throw LakeError.invalidArgument("Please keep at least one admin: grant the role to someone else first.")
            }
        }
        let path = root + "/" + Self.configurationFileName
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var shared = try LakeConfiguration(toml: text, path: path).roles
        if granted { shared[role, default: []].insert(user) } else { shared[role]?.remove(user) }
        let updated = LakeConfiguration.replacingRoles(in: text, with: shared)
        var configuration = try LakeConfiguration(toml: updated, path: path)
        var local = try LocalRoles.read(root: root)
        if !granted, local[role]?.remove(user) != nil { try LocalRoles.write(local, root: root) }
        configuration.mergeRoles(local)
        // The file is replaced while this process holds the catalog's write lock, so a process opening
        // the lake meanwhile waits and then finds the new file's snapshot: the change is audited once.
        let recordedBefore = try catalog.read { tx in try recordedRoles(tx) }
        try catalog.write { tx in
            try Self.replaceFile(path, with: Array(updated.utf8))
            var details = [
                "role": role.rawValue, "change": granted ? "grant" : "revoke",
                RoleSnapshot.detailKey: RoleSnapshot.text(configuration.roles),
            ]
            // Roles edited by hand since the last role event become part of this one's snapshot: say so.
            if let recordedBefore, recordedBefore != RoleSnapshot.text(self.configuration.roles) {
                details["adoptsUnrecordedRoles"] = recordedBefore
            }
            try appendAudit(tx, role: allowedAs, action: "config.roles", target: user, details: details)
            try recordConfigurationSnapshot(text: updated, tx)
        }
        return Lake(
            root: root, configuration: configuration, catalog: catalog, actor: actor, id: id, accesses: accesses)
    }

    /// The roles the newest role event recorded (``RoleSnapshot``), nil before any did.
    func recordedRoles(_ tx: CatalogTransaction) throws -> String? {
        try tx.auditEvents(actions: RoleSnapshot.recordingActions)
            .last { $0.detailValues[RoleSnapshot.detailKey] != nil }?.detailValues[RoleSnapshot.detailKey]
    }

    /// Replaces `path` atomically, keeping its mode and group (and, run as root, its owner).
    static func replaceFile(_ path: String, with contents: [UInt8]) throws {
        var info = stat()
        guard stat(path, &info) == 0 else { throw LakeError.system(operation: "stat", path: path, errno: errno) }
        let temporary = path + ".new-" + String(UInt32.random(in: 0..<UInt32.max), radix: 36)
        let descriptor = Glibc.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw LakeError.system(operation: "create", path: temporary, errno: errno) }
        var failure: Int32 = 0
        let written = contents.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        // Root (an administrator acting on a service's lake) keeps the file its owner's; anyone else can
        // only keep the group.
        let owner = geteuid() == 0 ? info.st_uid : uid_t.max
        if written != contents.count || fchown(descriptor, owner, info.st_gid) != 0
            || fchmod(descriptor, info.st_mode & 0o7777) != 0 || fsync(descriptor) != 0
        {
            failure = errno
        }
        close(descriptor)
        guard failure == 0, rename(temporary, path) == 0 else {
            let code = failure != 0 ? failure : errno
            unlink(temporary)
            throw LakeError.system(operation: "write", path: path, errno: code)
        }
    }
}
