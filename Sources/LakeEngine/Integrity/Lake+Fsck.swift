import Catalog
import Foundation
import Storage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Lake {
    /// How old (by inode change time) an orphan must be before `--repair` removes it: an ingest publishes
    /// objects before it writes their rows, and a link's change time is when it was made.
    public static let defaultOrphanGrace: TimeInterval = 24 * 3600

    /// Checks the whole lake: every catalog object present in its tier with its size (and, when `full`, its
    /// SHA-256), object files no catalog row places in their tier (orphans), in-flight temporary files,
    /// the folder tiers' identities and the audit chain.
    ///
    /// With `repair` (admin only) it then removes what is provably garbage, and nothing else: temporary
    /// files whose writer is dead (``ProcessStamp``), and orphans older than `orphanGrace` in tiers that
    /// carry this lake's identity while no migration job is open. Each is checked again just before it
    /// goes, and the repair is audited (`lake.repair`).
    public func fsck(full: Bool, repair: Bool = false, orphanGrace: TimeInterval = defaultOrphanGrace) async throws -> FsckReport {
        try authorize(.read)
        if repair { try authorize(.configure) }
        var findings: [FsckFinding] = []
        let verified = tierIdentityFindings(&findings)
        let objects = try await catalog.read { tx in try tx.objects() }
        try await objectFindings(objects, full: full, &findings)
        let placed = Dictionary(grouping: objects, by: \.tier).mapValues { Set($0.map(\.sha256)) }
        let migrating = try await openMigrationJobs()
        let now = Date().timeIntervalSince1970
        for tier in try existingFolderTiers() {
            do {
                for try await digest in tier.list() where placed[tier.name]?.contains(digest.hex) != true {
                    let path = tier.path(of: digest)
                    var info = stat()
                    let changed = lstat(path, &info) == 0 ? Double(info.st_ctim.tv_sec) : now
                    findings.append(FsckFinding(
                        kind: .orphan, tier: tier.name, object: digest.hex, path: path,
                        detail: "no catalog row places this object in tier '\(tier.name)'",
                        removable: verified.contains(tier.name) && !migrating && changed < now - orphanGrace))
                }
                for file in try await IOThreads.perform({ try tier.temporaryFiles() }) {
                    let garbage = file.isGarbage(unstampedAge: Self.staleTemporaryAge, now: now)
                    findings.append(FsckFinding(
                        kind: .temporaryFile, tier: tier.name, object: nil, path: file.path,
                        detail: garbage ? "left by a writer that is gone (\(file.size) bytes)" : "in flight (\(file.size) bytes)",
                        removable: garbage))
                }
            } catch let error as StorageError {
                findings.append(FsckFinding(
                    kind: .unreachableTier, tier: tier.name, object: nil, path: tier.root, detail: error.description,
                    removable: false))
            }
        }
        let audit = try verifyAudit()
        if let bad = audit.firstBad {
            findings.append(FsckFinding(
                kind: .auditChain, tier: nil, object: nil, path: nil, detail: "event \(bad.seq): \(bad.reason)",
                removable: false))
        }
        for change in audit.unaudited {
            findings.append(FsckFinding(
                kind: .auditChain, tier: nil, object: nil, path: nil, detail: change.reason, removable: false))
        }
        var report = FsckReport(objectsChecked: objects.count, full: full, findings: findings, repaired: [])
        if repair { try await removeGarbage(&report, orphanGrace: orphanGrace) }
        return report
    }

    // MARK: - Checks

    /// Adds a finding for each folder tier whose identity is missing or another's; returns the tiers that
    /// carry this lake's identity.
    private func tierIdentityFindings(_ findings: inout [FsckFinding]) -> Set<String> {
        var verified: Set<String> = []
        for name in configuration.tiers.keys.sorted() where configuration.tiers[name]?.s3 == nil {
            guard let tier = try? tier(named: name), FileManager.default.fileExists(atPath: tier.root) else { continue }
            do {
                if try verifyIdentity(ofFolder: tier, adopt: false) {
                    verified.insert(name)
                } else {
                    findings.append(FsckFinding(
                        kind: .tierIdentity, tier: name, object: nil, path: tier.identityPath,
                        detail: "the tier folder has no identity file", removable: false))
                }
            } catch {
                findings.append(FsckFinding(
                    kind: .tierIdentity, tier: name, object: nil, path: tier.identityPath,
                    detail: String(describing: error), removable: false))
            }
        }
        return verified
    }

    /// Adds a finding for each catalog object missing from its tier, of the wrong size or (`full`) damaged.
    private func objectFindings(_ objects: [CatalogObject], full: Bool, _ findings: inout [FsckFinding]) async throws {
        var unreachable: Set<String> = []
        for object in objects where !unreachable.contains(object.tier) {
            guard let digest = ObjectDigest(hex: object.sha256) else { continue }
            func finding(_ kind: FsckFinding.Kind, _ path: String?, _ detail: String) -> FsckFinding {
                FsckFinding(kind: kind, tier: object.tier, object: object.sha256, path: path, detail: detail, removable: false)
            }
            do {
                let backend = try backend(named: object.tier)
                let path = (backend as? FileSystemTier)?.path(of: digest)
                guard let size = try await backend.size(of: digest) else {
                    findings.append(finding(.missingObject, path, "not in tier '\(object.tier)', where the catalog places it"))
                    continue
                }
                if size != object.size {
                    findings.append(finding(.wrongSize, path, "\(size) bytes; the catalog says \(object.size)"))
                } else if full, let folder = backend as? FileSystemTier, try await !folder.verify(digest) {
                    findings.append(finding(.damagedObject, path, "the bytes do not hash to the object's SHA-256"))
                }
            } catch {
                unreachable.insert(object.tier)
                findings.append(FsckFinding(
                    kind: .unreachableTier, tier: object.tier, object: nil, path: nil, detail: String(describing: error),
                    removable: false))
            }
        }
    }

    /// True when a migration job is queued, running or paused (its copies may be in flight anywhere).
    private func openMigrationJobs() async throws -> Bool {
        try await catalog.read { tx in try tx.hasActiveJobs() }
    }

    // MARK: - Repair

    /// Removes the report's removable findings, each re-checked just before, moving them to `repaired`.
    private func removeGarbage(_ report: inout FsckReport, orphanGrace: TimeInterval) async throws {
        var kept: [FsckFinding] = []
        for finding in report.findings {
            guard finding.removable, let path = finding.path, try await isStillGarbage(finding, orphanGrace: orphanGrace),
                unlink(path) == 0 || errno == ENOENT
            else {
                kept.append(finding)
                continue
            }
            report.repaired.append(finding)
        }
        report.findings = kept
        guard !report.repaired.isEmpty else { return }
        let repaired = report.repaired
        try await catalog.write { tx in
            try self.appendAudit(
                tx, role: .admin, action: "lake.repair", target: self.root,
                details: [
                    "temporaryFilesRemoved": String(repaired.filter { $0.kind == .temporaryFile }.count),
                    "orphansRemoved": repaired.filter { $0.kind == .orphan }.compactMap(\.object).joined(separator: " "),
                ])
        }
    }

    /// Checks a removable finding again: a temporary file's writer is still dead; an orphan is still
    /// unplaced, old, and no migration job has opened meanwhile.
    private func isStillGarbage(_ finding: FsckFinding, orphanGrace: TimeInterval) async throws -> Bool {
        guard let path = finding.path else { return false }
        var info = stat()
        guard lstat(path, &info) == 0 else { return false }
        let now = Date().timeIntervalSince1970
        switch finding.kind {
        case .temporaryFile:
            return TemporaryFileInfo(path: path)?.isGarbage(unstampedAge: Self.staleTemporaryAge, now: now) ?? false
        case .orphan:
            guard let tier = finding.tier, let object = finding.object, Double(info.st_ctim.tv_sec) < now - orphanGrace
            else { return false }
            let placedThere = try await catalog.read { tx in try tx.object(sha256: object)?.tier == tier }
            if placedThere { return false }
            return try await !openMigrationJobs()
        default:
            return false
        }
    }
}
