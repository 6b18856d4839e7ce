import Catalog
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Lake {
    /// Gives the acting user every role in a lake nobody has used yet — the committed `SampleLake/`
    /// of a fresh clone, whose `lake.toml` cannot name the user who cloned it.
    ///
    /// Allowed only when the user owns `lake.toml` (they could edit it anyway) and the audit log is
    /// empty (no one has acted in the lake). The roles go to the git-ignored `lake.local.toml` (see
    /// ``open(at:)``), so the committed `lake.toml` stays unchanged. Audited as `config.roles`. Returns the
    /// reopened lake.
    public func claimUnused() throws -> Lake {
        let path = root + "/" + Self.configurationFileName
        var info = stat()
        guard stat(path, &info) == 0 else { throw LakeError.system(operation: "stat", path: path, errno: errno) }
        guard info.st_uid == actor.uid else {
            throw LakeError.notPermitted(user: actor.user, permission: .configure)
        }
        let events = try catalog.read { tx in try tx.auditEventCount() }
        guard events == 0 else {
            throw LakeError.invalidArgument("The lake is in use; ask an admin to grant roles (`medlake roles grant`).")
        }
        var local = try LocalRoles.read(root: root)
        for role in Role.allCases { local[role, default: []].insert(actor.user) }
        try LocalRoles.write(local, root: root)
        var configuration = configuration
        configuration.mergeRoles(local)
        let lake = Lake(root: root, configuration: configuration, catalog: catalog, actor: actor, id: id)
        try catalog.write { tx in
            try appendAudit(
                tx, role: .admin, action: "config.roles", target: actor.user,
                details: [
                    "role": "all", "change": "claim", "file": LocalRoles.fileName,
                    RoleSnapshot.detailKey: RoleSnapshot.text(configuration.roles),
                ])
        }
        return lake
    }
}
