#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Catalog
import Foundation
import Storage

/// Stage-in: a published version's files written into a folder (a pod's scratch volume), every byte
/// verified against the manifest's SHA-256.
///
/// Filesystem tiers are reflinked (`FICLONE`) where the file system can, else copied; never hard-linked:
/// a hard link is the lake's own inode, so a caller running as the lake's owner (or root, as pods often
/// do) could `chmod` the staged name and write into the lake's immutable object. A reflink is a new inode
/// owned by the caller whose blocks are copied on write, so the lake's object cannot change through it.
/// S3 tiers are read with parallel GETs (ranged for objects larger than ``StageOptions/partSize``). Each
/// file is written under ``StageLayout/partialFolder``, hashed (while it streams, or read back), flushed to
/// the disk, and only then renamed to its manifest path; the folders are flushed and the manifest is
/// written last, so a folder holding `manifest.json` is complete and durable (``StageOptions/sync`` says
/// what `--no-sync` gives up). A rerun re-hashes the files already there and fetches only those missing
/// or changed.
///
/// The call takes everything a service needs from its request (the version, the folder, ``StageOptions``)
/// and reports through a `@Sendable` callback, so a lake service can later run it for a remote caller.
extension Lake {
    /// Stages the published version `reference` (`DATASET@N`, a manifest hash…) into `directory`.
    ///
    /// Needs read access to the version's dataset (a grant on a restricted one); the read is audited
    /// (`version.stage`) and, with ``StageOptions/run``, recorded on the run (`medlake run show`).
    /// Archived objects are restored first when ``StageOptions/restore`` is set, which needs the
    /// `migrate` permission.
    ///
    /// - Throws: ``StageError`` (archived objects without a restore, a corrupt or missing object, an
    ///   unsafe manifest path), ``GovernanceError/accessDenied(user:dataset:expiredGrant:scope:)``,
    ///   ``LakeError`` and ``StorageError``/``S3Error`` naming the file or object that failed.
    @discardableResult
    public func stage(
        _ reference: String, to directory: String, options: StageOptions = StageOptions(),
        progress: @escaping @Sendable (StageEvent) -> Void = { _ in }
    ) async throws -> StageReport {
        let role = try authorize(.read)
        let resolved = try await catalog.read { tx in try self.resolvePublished(reference, tx) }
        try authorizeDatasetRead(resolved.dataset.name, purpose: "version.stage")
        if let run = options.run { try checkRun(run, isOn: resolved) }
        let layout = StageLayout(directory: URL(fileURLWithPath: directory).standardizedFileURL.path)
        var seen: Set<String> = []
        let targets = try resolved.manifest.entries.enumerated().map { index, entry in
            let path = try layout.path(of: entry.path)
            guard seen.insert(path).inserted else { throw StageError.unsafePath(entry.path) }
            return StageTarget(index: index, entry: entry, path: path, partial: layout.partialPath(of: String(index)))
        }
        try await catalog.write { tx in
            try self.appendAudit(
                tx, role: role, action: "version.stage", target: resolved.reference,
                details: [
                    "manifest": resolved.record.hash, "directory": layout.directory,
                    "files": String(targets.count), "run": options.run.map(String.init) ?? "",
                ])
        }
        try Self.prepare(layout)
        let restored: Int64
        let methods: [String: Int]
        do {
            (restored, methods) = try await fetchAll(targets, of: resolved, into: layout, options: options, progress: progress)
        } catch {
            // Partial copies are never presented as staged files: remove them with the folder that held them.
            try? FileManager.default.removeItem(atPath: layout.directory + "/" + StageLayout.partialFolder)
            throw error
        }
        let bytes = targets.reduce(Int64(0)) { $0 + $1.entry.size }
        if let run = options.run {
            try await catalog.write { tx in
                var staging = RunStaging(
                    runId: run, manifestHash: resolved.record.hash, directory: layout.directory,
                    files: Int64(targets.count), bytes: bytes, stagedBy: self.actor.user, stagedAt: Date())
                try tx.insert(&staging)
            }
        }
        return StageReport(
            version: resolved.reference, manifest: resolved.record.hash, directory: layout.directory,
            manifestPath: layout.manifestPath, files: targets.count, bytes: bytes, methods: methods,
            restoredObjects: restored, run: options.run)
    }

    /// Restores what needs it, keeps the files that still verify, fetches the rest and writes the
    /// manifest; returns the objects restored and the files per method.
    private func fetchAll(
        _ targets: [StageTarget], of resolved: ResolvedVersion, into layout: StageLayout, options: StageOptions,
        progress: @escaping @Sendable (StageEvent) -> Void
    ) async throws -> (restored: Int64, methods: [String: Int]) {
        var restored: Int64 = 0
        var tiers = try placements(of: targets)
        let archived = targets.filter { target in tiers[target.entry.sha256].map(isArchived) ?? false }
        if !archived.isEmpty {
            guard options.restore else {
                throw StageError.needsRestore(
                    version: resolved.reference,
                    objects: archived.map {
                        StageError.Object(path: $0.entry.path, sha256: $0.entry.sha256, location: tiers[$0.entry.sha256]?.tier ?? "")
                    })
            }
            restored = try await restoreForStaging(resolved.reference, into: options.restoreTier, progress: progress)
            tiers = try placements(of: targets)
        }
        let verifier = ParallelVerifier()
        let present = try await Self.alreadyVerified(targets, verifier: verifier)
        var methods: [String: Int] = [:]
        for target in targets where present.contains(target.index) {
            methods[StageMethod.alreadyVerified.rawValue, default: 0] += 1
            progress(.staged(path: target.entry.path, bytes: target.entry.size, method: .alreadyVerified))
        }
        let sources = try targets.filter { !present.contains($0.index) }.map { target in
            try source(of: target, placement: tiers[target.entry.sha256])
        }
        let fetcher = StageFetcher(verifier: verifier, options: options)
        for (method, count) in try await fetcher.fetch(sources, progress: progress) {
            methods[method.rawValue, default: 0] += count
        }
        try await Self.complete(
            layout, manifest: Array(resolved.record.body.utf8), targets: targets, kept: present, sync: options.sync)
        return (restored, methods)
    }

    // MARK: - Checks

    func checkRun(_ id: Int64, isOn resolved: ResolvedVersion) throws {
        let run = try catalog.read { tx in try tx.trainingRun(id: id) }
        guard let run else { throw LakeError.notFound(kind: "run", id: String(id)) }
        guard run.manifestHash == resolved.record.hash else {
            throw StageError.runOnOtherManifest(run: id, runManifest: run.manifestHash, version: resolved.reference)
        }
    }

    func isArchived(_ placement: ObjectPlacement) -> Bool {
        placement.state == .restoring || configuration.tiers[placement.tier]?.restoreRequired == true
    }

    /// The catalog's tier and state of each object the targets name, by SHA-256.
    func placements(of targets: [StageTarget]) throws -> [String: ObjectPlacement] {
        let wanted = Set(targets.map(\.entry.sha256))
        return try catalog.read { tx in
            var found: [String: ObjectPlacement] = [:]
            for hash in wanted {
                if let object = try tx.object(sha256: hash) {
                    found[hash] = ObjectPlacement(tier: object.tier, state: object.state)
                }
            }
            return found
        }
    }

    /// Where to read a target's object: the catalog's tier, or for folders any tier that holds it (an
    /// object being moved is in one of them).
    func source(of target: StageTarget, placement: ObjectPlacement?) throws -> StageSource {
        let object = StageError.Object(
            path: target.entry.path, sha256: target.entry.sha256, location: placement?.tier ?? "the catalog")
        guard let placement, let digest = ObjectDigest(hex: target.entry.sha256) else {
            throw StageError.missingSource(object)
        }
        let backend = try backend(named: placement.tier)
        guard backend is FileSystemTier else {
            return StageSource(target: target, digest: digest, tier: placement.tier, backend: backend, clonePath: nil)
        }
        let readable = configuration.tiers.filter { !$0.value.restoreRequired && $0.value.s3 == nil }.keys.sorted()
        for name in [placement.tier] + readable.filter({ $0 != placement.tier }) {
            let tier = try tier(named: name)
            if tier.contains(digest) {
                return StageSource(target: target, digest: digest, tier: name, backend: tier, clonePath: tier.path(of: digest))
            }
        }
        throw StageError.missingSource(object)
    }

    // MARK: - Restore

    /// Queues a restore of the version's archived objects and runs it in this process (or waits for the
    /// worker that took it); returns how many objects it restored.
    private func restoreForStaging(
        _ reference: String, into requested: String?, progress: @escaping @Sendable (StageEvent) -> Void
    ) async throws -> Int64 {
        let readable = configuration.tiers.filter { !$0.value.restoreRequired }.keys.sorted()
        let tier = requested ?? (readable.contains("warm") ? "warm" : readable.first ?? "warm")
        return try await runRestore(try queueRestore(reference, to: tier), progress: progress)
    }

    /// Runs the restore job `queued` in this process (or waits for the worker that took it), reporting
    /// its progress; returns how many objects it restored.
    func runRestore(
        _ queued: MigrationProgress, progress: @escaping @Sendable (StageEvent) -> Void
    ) async throws -> Int64 {
        let worker = try MigrationWorker(lake: self)
        var job = queued
        while !job.isFinished {
            progress(.restoring(job: job.id, objectsDone: job.objectsDone, objectsTotal: job.objectsTotal))
            // Runs the oldest waiting job, ours or one queued before it; when another worker holds ours,
            // waits for that worker's progress instead.
            if try await worker.runNextJob() == nil { try await Task.sleep(for: .milliseconds(200)) }
            job = try migrationJob(id: queued.id)
        }
        progress(.restoring(job: job.id, objectsDone: job.objectsDone, objectsTotal: job.objectsTotal))
        guard job.state == .done else { throw StageError.restoreFailed(job: job.id, state: job.state, error: job.error) }
        return job.objectsDone
    }

    // MARK: - Files already there

    /// Indexes of targets whose file is already in place with the manifest's size and SHA-256. A file
    /// that does not verify is removed (and fetched again); a folder in the way is an error.
    static func alreadyVerified(_ targets: [StageTarget], verifier: ParallelVerifier) async throws -> Set<Int> {
        var candidates: [StageTarget] = []
        for target in targets {
            var info = stat()
            guard lstat(target.path, &info) == 0 else { continue }
            let kind = info.st_mode & S_IFMT
            if kind == S_IFDIR { throw StageError.destinationInUse(target.path) }
            if kind == S_IFREG, Int64(info.st_size) == target.entry.size {
                candidates.append(target)
            } else {
                try Self.remove(target.path)
            }
        }
        return try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
            for target in candidates {
                group.addTask {
                    guard let digest = ObjectDigest(hex: target.entry.sha256) else { return (target.index, false) }
                    do {
                        try await verifier.verify(FileVerification(path: target.path, digest: digest, size: target.entry.size))
                        return (target.index, true)
                    } catch let error as StorageError where error.isHashMismatch {
                        try Self.remove(target.path)
                        return (target.index, false)
                    }
                }
            }
            var verified: Set<Int> = []
            for try await (index, ok) in group where ok { verified.insert(index) }
            return verified
        }
    }

    // MARK: - The folder

    /// Creates the folder and an empty partial folder, and removes a manifest left by an earlier staging
    /// (it is written again once every file is verified).
    static func prepare(_ layout: StageLayout) throws {
        try FileManager.default.createDirectory(atPath: layout.directory, withIntermediateDirectories: true)
        try remove(layout.manifestPath)
        let partial = layout.directory + "/" + StageLayout.partialFolder
        if FileManager.default.fileExists(atPath: partial) { try FileManager.default.removeItem(atPath: partial) }
        try FileManager.default.createDirectory(atPath: partial, withIntermediateDirectories: false)
    }

    /// Completes a staging folder once every file is in place, on the I/O threads (``IOThreads``: these are
    /// fsyncs and renames): with `sync`, first flushes the files `kept` from an earlier staging (they may have
    /// been written with `--no-sync`), then ``finish(_:manifest:files:sync:)``.
    static func complete(
        _ layout: StageLayout, manifest: [UInt8], targets: [StageTarget], kept: Set<Int>, sync: Bool
    ) async throws {
        let files = targets.map(\.path)
        let flushed = sync ? targets.filter { kept.contains($0.index) }.map(\.path) : []
        try await IOThreads.perform {
            for path in flushed { try DirectFileWriter.flush(path) }
            try finish(layout, manifest: manifest, files: files, sync: sync)
        }
    }

    /// Writes the manifest (temporary name, rename) once every file is in place, and removes the partial
    /// folder. With `sync` (the files themselves were flushed before their renames), first flushes every
    /// folder that gained a name, up to the one holding the staging folder, then the manifest and its
    /// folder: the manifest appears only once every file is durable under its name.
    static func finish(_ layout: StageLayout, manifest: [UInt8], files: [String], sync: Bool) throws {
        let partial = layout.directory + "/" + StageLayout.partialFolder
        if sync {
            for folder in folders(holding: files, under: layout.directory) { try DirectFileWriter.flushFolder(folder) }
        }
        let temporary = partial + "/" + StageLayout.manifestName
        let descriptor = Glibc.open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw LakeError.system(operation: "create", path: temporary, errno: errno) }
        defer { close(descriptor) }
        try manifest.withUnsafeBytes { try writeAll($0, to: descriptor, path: temporary) }
        if sync, fsync(descriptor) != 0 { throw LakeError.system(operation: "fsync", path: temporary, errno: errno) }
        guard rename(temporary, layout.manifestPath) == 0 else {
            throw LakeError.system(operation: "rename", path: layout.manifestPath, errno: errno)
        }
        if sync { try DirectFileWriter.flushFolder(layout.directory) }
        try FileManager.default.removeItem(atPath: partial)
    }

    /// The folders holding `files` and their parents up to `directory`'s own parent (which holds its name
    /// when the staging created it), deepest first.
    static func folders(holding files: [String], under directory: String) -> [String] {
        var folders: Set<String> = [(directory as NSString).deletingLastPathComponent]
        for file in files {
            var folder = (file as NSString).deletingLastPathComponent
            while folder.count >= directory.count, folders.insert(folder).inserted {
                folder = (folder as NSString).deletingLastPathComponent
            }
        }
        return folders.sorted { $0.count > $1.count }
    }

    /// Unlinks `path`; an absent file is not an error.
    static func remove(_ path: String) throws {
        guard unlink(path) == 0 || errno == ENOENT else { throw LakeError.system(operation: "unlink", path: path, errno: errno) }
    }
}

/// An object's catalog tier and state.
struct ObjectPlacement: Sendable {
    var tier: String
    var state: CatalogObject.State
}

/// One manifest entry and where it goes.
struct StageTarget: Sendable {
    /// The entry's position in the manifest (names its partial file: two paths may share an object).
    var index: Int
    var entry: ManifestEntry
    /// The final path in the folder.
    var path: String
    /// Where it is written until verified.
    var partial: String
}

/// A target and the tier it is read from.
struct StageSource: Sendable {
    var target: StageTarget
    var digest: ObjectDigest
    var tier: String
    var backend: any TierBackend
    /// The object's file, for a filesystem tier (reflinked when the file system can).
    var clonePath: String?
}
