import Catalog
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Lake {
    /// Moves the lake's SQLite catalog to the empty PostgreSQL catalog at `url` and switches `lake.toml` to
    /// it (admin, and the lake's owner only; audited as `catalog.copy`).
    ///
    /// 1. Refuses first, with nothing changed: a catalog already on PostgreSQL, a lake service answering on
    ///    the lake's socket (it would go on writing the old file), a bad URL or password file, a PostgreSQL
    ///    catalog holding any row.
    /// 2. In one write transaction of the SQLite catalog (no other process writes meanwhile): appends the
    ///    `catalog.copy` event and the new `lake.toml`'s snapshot, then copies every table into one
    ///    PostgreSQL transaction with ids kept (``CatalogTransaction/copyCatalog(into:check:)``), checks each
    ///    table's row count on both sides and that the copy's keyed audit chain verifies and ends at the same
    ///    event and hash as the SQLite catalog's, and replaces `lake.toml` (atomically) with one naming the
    ///    catalog under `[catalog]`, before the PostgreSQL transaction commits. Any failure rolls both back
    ///    and puts the old `lake.toml` back.
    /// 3. Renames `catalog.sqlite` (with its `-wal` and `-shm`) to `catalog.sqlite.copied-<UTC time>`: kept,
    ///    never deleted; nothing opens it again.
    ///
    /// `passwordFile` is recorded as `[catalog] password_file`; it must belong to the lake's owner and be
    /// readable by no one else. Without it the password comes from `$MEDLAKE_CATALOG_PASSWORD`. This `Lake`
    /// keeps the SQLite store it opened (now under its kept name): open the lake again to use the copy.
    /// - Throws: ``CatalogCopyError``, ``CatalogError``, ``LakeError/notPermitted(user:permission:)``.
    public func copyCatalog(to url: String, passwordFile: String? = nil) throws -> CatalogCopyReport {
        try copyCatalog(to: url, passwordFile: passwordFile, environment: ProcessInfo.processInfo.environment)
    }

    func copyCatalog(to url: String, passwordFile: String?, environment: [String: String]) throws -> CatalogCopyReport {
        let role = try authorize(.configure)
        guard processOwnsLake else { throw CatalogCopyError.notOwner(user: actor.user) }
        if let location = configuration.catalog.postgres {
            throw CatalogCopyError.alreadyOnPostgreSQL(url: location.description)
        }
        if let socket = Self.liveServiceSocket(root: root) { throw CatalogCopyError.serviceRunning(socket: socket) }
        let location = try PostgresCatalogLocation(url: url)
        let settings = CatalogSettings(postgres: location, passwordFile: passwordFile)
        let password = try Self.catalogPassword(root: root, settings: settings, environment: environment)
        let path = root + "/" + Self.configurationFileName
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let updated = text + CatalogSettings.toml(location, passwordFile: passwordFile)
        _ = try LakeConfiguration(toml: updated, path: path)
        let target = try CatalogStore.emptyPostgres(location, password: password)
        let seal = try auditChainSeal()

        let (tables, chain) = try catalog.write { tx in
            try appendAudit(
                tx, role: role, action: "catalog.copy", target: location.description,
                details: ["from": Self.catalogFileName])
            try recordConfigurationSnapshot(text: updated, tx)
            let source = try verifyChain(tx, seal)
            var switched = false
            do {
                return try tx.copyCatalog(into: target) { copy in
                    let chain = try verifyChain(copy, seal)
                    if let bad = chain.firstBad {
                        throw CatalogCopyError.auditChainBroken(seq: bad.seq, reason: bad.reason)
                    }
                    guard chain.eventCount == source.eventCount, chain.headHash == source.headHash else {
                        throw CatalogCopyError.auditHeadDiffers(
                            events: source.eventCount, head: source.headHash, copyEvents: chain.eventCount,
                            copyHead: chain.headHash)
                    }
                    // Last, so that a failure before it leaves lake.toml as it was; a commit failing after it
                    // puts the old text back below.
                    try Self.replaceFile(path, with: Array(updated.utf8))
                    switched = true
                    return chain
                }
            } catch {
                if switched { try? Self.replaceFile(path, with: Array(text.utf8)) }
                throw error
            }
        }
        return CatalogCopyReport(
            url: location.description, tables: tables, auditEvents: chain.eventCount, auditHead: chain.headHash,
            keptCatalog: try keepSQLiteCatalog())
    }

    /// Renames `catalog.sqlite` and its `-wal` and `-shm` to `catalog.sqlite.copied-<UTC time>…`, emptying the
    /// write-ahead log into the file first. Each is linked under the new name before the old name goes, so
    /// an existing file is never replaced (a second copy within the same second fails instead).
    private func keepSQLiteCatalog() throws -> String {
        // Best effort: a reader holding an old snapshot keeps the log from emptying, and the log is renamed
        // with the file anyway, so the kept pair stays consistent.
        try? catalog.checkpoint()
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        let stamp = String(
            format: "%04d%02d%02dT%02d%02d%02dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday, parts.tm_hour,
            parts.tm_min, parts.tm_sec)
        let old = root + "/" + Self.catalogFileName
        let kept = old + ".copied-" + stamp
        for suffix in ["", "-wal", "-shm"] {
            guard link(old + suffix, kept + suffix) == 0 else {
                if errno == ENOENT, !suffix.isEmpty { continue }
                throw LakeError.system(operation: "link", path: kept + suffix, errno: errno)
            }
            guard unlink(old + suffix) == 0 else {
                throw LakeError.system(operation: "unlink", path: old + suffix, errno: errno)
            }
        }
        return kept
    }
}
