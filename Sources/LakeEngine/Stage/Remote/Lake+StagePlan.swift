import Catalog
import Foundation
import Storage

/// The service's side of a remote staging (`medlake stage` against `https://HOST:PORT`): it checks and
/// audits the read exactly as an in-process staging does, then hands the caller the manifest and one URL
/// per file instead of writing the files itself. S3 objects get presigned GETs, so the caller downloads
/// them straight from the bucket without the tier's keys; objects in folders get a path on the service,
/// which streams them (``openStagedFile(_:index:range:now:)``) only to the caller the grant names.
extension Lake {
    /// How long a plan's URLs work, in seconds, unless the service says otherwise.
    public static let stagePlanLifetime: Int64 = 3600

    /// Authorizes, audits and plans a remote staging of `request.version`.
    ///
    /// With archived objects and ``StageRequest/restore``, queues their restore (needs `migrate`) and
    /// answers with ``StagePlan/restoreJob`` set and no files: the service runs the job
    /// (``runStageRestore(job:)``) while the caller watches it, then asks again.
    ///
    /// - Parameters:
    ///   - id: The staging's id (random, chosen by the service).
    ///   - servicePath: The service path that streams manifest entry N.
    ///   - lifetime: Seconds the URLs stay valid.
    /// - Throws: As ``stage(_:to:options:progress:)`` before it writes anything.
    public func planStage(
        _ request: StageRequest, id: String, servicePath: (Int) -> String, lifetime: Int64 = stagePlanLifetime,
        now: Date = Date()
    ) async throws -> StageGrant {
        let role = try authorize(.read)
        let resolved = try await catalog.read { tx in try self.resolvePublished(request.version, tx) }
        try authorizeDatasetRead(resolved.dataset.name, purpose: "version.stage")
        if let run = request.run { try checkRun(run, isOn: resolved) }
        // Paths are checked here as well as by the caller: a manifest that could escape a folder is refused
        // before anything is handed out.
        let layout = StageLayout(directory: "/")
        let targets = try resolved.manifest.entries.enumerated().map { index, entry in
            StageTarget(index: index, entry: entry, path: try layout.path(of: entry.path), partial: "")
        }
        let tiers = try placements(of: targets)
        let archived = targets.filter { target in tiers[target.entry.sha256].map(isArchived) ?? false }
        let expiresAt = now.addingTimeInterval(TimeInterval(lifetime))
        var plan = StagePlan(
            id: id, version: resolved.reference, manifest: resolved.record.hash, manifestBody: resolved.record.body,
            expiresAt: expiresAt, restoreJob: nil, run: request.run, files: [])
        var grant = StageGrant(plan: plan, holder: actor.user, dataset: resolved.dataset.name, objects: [:])
        if !archived.isEmpty {
            guard request.restore else {
                throw StageError.needsRestore(
                    version: resolved.reference,
                    objects: archived.map {
                        StageError.Object(path: $0.entry.path, sha256: $0.entry.sha256, location: tiers[$0.entry.sha256]?.tier ?? "")
                    })
            }
            let readable = configuration.tiers.filter { !$0.value.restoreRequired }.keys.sorted()
            let tier = request.restoreTier ?? (readable.contains("warm") ? "warm" : readable.first ?? "warm")
            grant.plan.restoreJob = try queueRestore(resolved.reference, to: tier).id
            return grant
        }
        var files: [StagePlan.File] = []
        var s3Tiers: [String: S3Tier] = [:]
        for target in targets {
            let source = try source(of: target, placement: tiers[target.entry.sha256])
            if configuration.tiers[source.tier]?.s3 != nil {
                // The tier's keys sign the URL here and never leave the service.
                let bucket = try s3Tiers[source.tier] ?? s3Tier(named: source.tier)
                s3Tiers[source.tier] = bucket
                let url = bucket.presignedGET(source.digest, lifetime: lifetime, date: now)
                files.append(StagePlan.File(index: target.index, access: .presigned, url: url, location: source.tier))
            } else {
                grant.objects[target.index] = StageGrant.Object(
                    tier: source.tier, sha256: target.entry.sha256, size: target.entry.size)
                files.append(
                    StagePlan.File(index: target.index, access: .service, url: servicePath(target.index), location: source.tier))
            }
        }
        plan.files = files
        grant.plan = plan
        try await catalog.write { tx in
            try self.appendAudit(
                tx, role: role, action: "version.stage", target: resolved.reference,
                details: [
                    "manifest": resolved.record.hash, "files": String(targets.count),
                    "run": request.run.map(String.init) ?? "", "staging": id, "via": "service",
                ])
        }
        return grant
    }

    /// Runs the restore job a plan named, in this process (the service), until it ends.
    public func runStageRestore(job id: Int64) async throws {
        _ = try await runRestore(try migrationJob(id: id), progress: { _ in })
    }

    /// Opens entry `index` of `grant` for streaming, `range` of it when given; answers with the reader and
    /// the length it will yield.
    ///
    /// Checked on every request: the caller is the grant's holder, the grant has not expired, the entry is
    /// one the service streams, and the caller may still read the dataset (a role taken or a grant revoked
    /// since the plan stops the staging). Every refusal is ``LakeError/notFound(kind:id:)``, so a caller
    /// cannot tell another caller's staging from one that does not exist.
    public func openStagedFile(
        _ grant: StageGrant?, index: Int, range: Range<Int64>?, now: Date = Date()
    ) async throws -> (reader: any ObjectReading, length: Int64) {
        let missing = LakeError.notFound(kind: "staging file", id: "\(grant?.id ?? "?")/\(index)")
        guard let grant, grant.holder == actor.user, now < grant.plan.expiresAt, let object = grant.objects[index],
            let digest = ObjectDigest(hex: object.sha256)
        else { throw missing }
        try authorize(.read)
        _ = try await catalog.read { tx in try self.datasetAccess(grant.dataset, needing: .read, tx) }
        if let range, range.lowerBound < 0 || range.upperBound > object.size || range.isEmpty {
            throw LakeError.invalidArgument("The range \(range.lowerBound)-\(range.upperBound - 1) is outside the file (\(object.size) bytes).")
        }
        let reader = try await backend(named: object.tier).openForReading(digest, range: range)
        return (reader, range.map { $0.upperBound - $0.lowerBound } ?? object.size)
    }

    /// Records a finished remote staging on its run (`medlake run show`), as an in-process staging does
    /// once its files are in place; the caller reports the folder and what it holds.
    ///
    /// - Throws: ``LakeError/notFound(kind:id:)`` unless the caller holds the grant.
    public func finishStage(_ grant: StageGrant?, report: StageReport, now: Date = Date()) async throws -> StageReport {
        guard let grant, grant.holder == actor.user, report.manifest == grant.plan.manifest else {
            throw LakeError.notFound(kind: "staging", id: grant?.id ?? "?")
        }
        guard let run = grant.plan.run else { return report }
        let bytes = try Manifest.parse(Data(grant.plan.manifestBody.utf8), source: "manifest").entries.reduce(Int64(0)) { $0 + $1.size }
        try await catalog.write { tx in
            var staging = RunStaging(
                runId: run, manifestHash: grant.plan.manifest, directory: report.directory,
                files: Int64(grant.plan.files.count), bytes: bytes, stagedBy: self.actor.user, stagedAt: now)
            try tx.insert(&staging)
        }
        var finished = report
        finished.run = run
        return finished
    }
}
