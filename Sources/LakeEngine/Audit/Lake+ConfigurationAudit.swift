import Catalog
import Foundation
import Storage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Lake {
    /// Audits a `lake.toml` that differs from the one the catalog last saw: one `config.changed` event
    /// naming the previous and new SHA-256, the keys that changed, and the file's owner and modification
    /// time (the actor is the user whose process noticed it, who need not be the editor).
    ///
    /// Called when the lake is opened, before anything else. The comparison and the event share one
    /// write transaction, so of several processes opening the lake at once exactly one records the
    /// change. An unchanged file costs one read. A user who cannot write the catalog (or a catalog kept
    /// busy past the timeout) skips the recording; the next process that can write records it.
    ///
    /// A catalog without a snapshot and without audit events (a new catalog) takes the file as its
    /// baseline silently; one with events but no snapshot (made before snapshots existed) records the
    /// change with an empty previous hash.
    func auditConfigurationChange(text: String) throws {
        let hash = ContentHasher.digest(of: Array(text.utf8)).hex
        let stored = try catalog.read { tx in try tx.configurationSnapshot()?.sha256 }
        guard stored != hash else { return }
        let path = root + "/" + Self.configurationFileName
        let settings = try ConfigurationSettings(toml: text, path: path)
        let file = Self.fileFacts(path)
        do {
            try catalog.write { tx in
                let previous = try tx.configurationSnapshot()
                guard previous?.sha256 != hash else { return }
                let hasEvents = try tx.auditEventCount() > 0
                if previous != nil || hasEvents {
                    let changed = settings.changedKeys(since: ConfigurationSettings(json: previous?.settings ?? "{}"))
                    try appendAudit(
                        tx, roleName: actorRoles.min()?.rawValue ?? "none", action: "config.changed",
                        target: Self.configurationFileName,
                        details: [
                            "previousHash": previous?.sha256 ?? "", "hash": hash,
                            "changedKeys": changed.joined(separator: ","),
                            "fileOwner": file.owner, "fileModified": file.modified,
                        ])
                }
                try recordConfigurationSnapshot(hash: hash, settings: settings, tx)
            }
        } catch where CatalogStore.cannotWrite(error) {
            return
        }
    }

    /// Stores `text` as the configuration the catalog has seen, inside the caller's write transaction.
    ///
    /// Code that writes `lake.toml` calls this in the transaction of its own audit event, so the next
    /// open does not report the change a second time.
    func recordConfigurationSnapshot(text: String, _ tx: CatalogTransaction) throws {
        let settings = try ConfigurationSettings(toml: text, path: root + "/" + Self.configurationFileName)
        try recordConfigurationSnapshot(hash: ContentHasher.digest(of: Array(text.utf8)).hex, settings: settings, tx)
    }

    private func recordConfigurationSnapshot(
        hash: String, settings: ConfigurationSettings, _ tx: CatalogTransaction
    ) throws {
        try tx.save(ConfigurationSnapshot(sha256: hash, settings: settings.json, recordedAt: Date()))
    }

    // MARK: - Helpers

    /// The owner's login name (or numeric id) and the modification time (ISO 8601, UTC) of `path`.
    private static func fileFacts(_ path: String) -> (owner: String, modified: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return ("", "") }
        // Through getpwuid_r: in the service, other threads name callers meanwhile.
        let owner = (try? Identity.user(uid: info.st_uid))?.user ?? String(info.st_uid)
        let seconds = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return (owner, formatter.string(from: Date(timeIntervalSince1970: seconds)))
    }
}
