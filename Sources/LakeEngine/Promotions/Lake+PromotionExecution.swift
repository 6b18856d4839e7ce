import Catalog
import DICOM
import Foundation
import Genomics
import Storage

extension Lake {
    /// Builds and publishes the target version of an approved promotion.
    ///
    /// Steps, each audited: re-run the policy checks; build the members from bytes re-hashed as they are
    /// read (a source altered in place fails the execution and gets a blocking `corrupt-object` flag;
    /// curated: de-identify every DICOM object, re-scan each output for identifying data, pseudonymize
    /// samples and rewrite VCF headers; training: freeze the selection); store new objects
    /// content-addressed and durable; then, in ONE transaction, insert the objects, the version, its
    /// manifest and entries, the lineage edges and the promotion's new state. A crash before the commit
    /// leaves only unreferenced objects (reused by the retry) and the promotion still `approved`; nothing
    /// is half-published. Failures are recorded on the promotion and rethrown.
    func execute(promotionId id: Int64, role: Role) throws {
        let (promotion, resolved, members) = try catalog.read { tx in
            let promotion = try fetchPromotion(id, tx)
            let resolved = try resolvePublished(try sourceReference(promotion, tx), tx)
            return (promotion, resolved, try publishedMembers(resolved, tx))
        }
        if promotion.state == .executed { return }
        guard promotion.state == .approved else {
            throw GovernanceError.wrongState(promotion: id, state: promotion.state, expected: "approved")
        }
        var checks: [PolicyCheck]?
        do {
            let selection = try MemberSelection(promotion.selection)
            let selected = members.filter { selection.matches($0.entry, flags: resolved.manifest.flags) }
            let run = try policyChecks(resolved, selected, to: promotion.targetZone, role: role, run: .execution)
            // Execution skips the curated dry run (it scans its real outputs instead): keep the request's.
            checks = Self.merging(run, recorded: Self.decodeChecks(promotion.checks))
            let failed = run.filter { !$0.passed }
            guard failed.isEmpty else {
                throw GovernanceError.checksFailed(promotion: id, failed: failed.map { "\($0.code): \($0.detail)" })
            }
            try catalog.write { tx in
                try appendAudit(
                    tx, role: role, action: "promotion.execute.start", target: resolved.reference,
                    details: ["promotion": String(id), "selected": String(selected.count)])
            }
            var built = promotion.targetZone == "curated"
                ? try buildCurated(resolved, selected)
                : try buildSelection(resolved, selected, selection: selection)
            let tier = try tier(named: configuration.ingestTier)
            do {
                _ = try tier.publish(built.staged)
            } catch {
                tier.discard(built.staged)
                throw error
            }
            built.staged = []
            FaultPoint.objectsStored.reach()
            try publishBuilt(built, promotion: promotion, checks: checks ?? [], resolved: resolved, role: role)
        } catch {
            let message = String(describing: error)
            try? catalog.write { tx in
                let now = Date()
                var failed = try fetchPromotion(id, tx)
                failed.error = message
                if let checks { failed.checks = try Self.encodeChecks(checks) }
                failed.updatedAt = now
                try tx.update(failed)
                var details = ["promotion": String(id), "error": message]
                if case GovernanceError.corruptSource(let sha256, _) = error, let datasetId = resolved.dataset.id {
                    // The member stays flagged (blocking) until someone repairs the object and resolves it.
                    let raiser = FlagRaiser(configuration: configuration, zone: resolved.manifest.zone)
                    _ = try raiser.raise(
                        .corruptObject, datasetId: datasetId, kind: .object, target: sha256,
                        note: "bytes no longer match the SHA-256 (promotion \(id))", now: now, tx)
                    if !configuration.quality.disabledRules.contains(QualityRule.corruptObject.code) {
                        details["flagged"] = sha256
                    }
                }
                try appendAudit(
                    tx, role: role, action: "promotion.execute.failed", target: resolved.reference, details: details)
            }
            throw error
        }
    }

    // MARK: - Building

    private func buildCurated(_ resolved: ResolvedVersion, _ members: [VersionMember]) throws -> BuiltVersion {
        let key = try deidentificationKey()
        let options = configuration.governance.deidentification
        let deidentifier = Deidentifier(options: options, keying: key)
        let tier = try tier(named: configuration.ingestTier)
        var built = BuiltVersion()
        built.transforms = [DeidentificationTransform.dicom(options: options, keyId: key.id)]
        built.edgeTransform = built.transforms.first
        var mapped: [String: String] = [resolved.dataset.name: resolved.dataset.name]
        do {
            for member in members {
                let source = member.entry
                mapped[source.sha256] = source.sha256
                if source.format == "DICOM" {
                    let file = try verifiedDICOM(member)
                    let output = deidentifier.deidentify(file.dataSet)
                    let findings = PHIScanner.scan(output, original: file.dataSet, options: options)
                    guard findings.isEmpty else {
                        throw GovernanceError.phiRemaining(
                            object: source.sha256, findings: findings.prefix(5).map(\.description))
                    }
                    let syntax = file.transferSyntax.isDeflated ? TransferSyntax.explicitVRLittleEndian : file.transferSyntax
                    let bytes: [UInt8]
                    do {
                        bytes = try DICOMWriter.part10(output, transferSyntax: syntax)
                    } catch {
                        throw GovernanceError.unreadableObject(sha256: source.sha256, reason: error.description)
                    }
                    let digest = ContentHasher.digest(of: bytes)
                    if let staged = bytes.withUnsafeBytes({ tier.stage(bytes: $0, digest: digest) }) {
                        built.staged.append(staged)
                    }
                    let study = output.string(.studyInstanceUID) ?? "unknown"
                    let series = output.string(.seriesInstanceUID) ?? "unknown"
                    let sop = output.string(.sopInstanceUID) ?? digest.hex
                    let path = "dicom/\(study)/\(series)/\(sop).dcm"
                    for (old, new) in [(source.studyUID, study), (source.seriesUID, series), (source.sopInstanceUID, sop)] {
                        if let old { mapped[old] = new }
                    }
                    mapped[source.sha256] = digest.hex
                    built.entries.append(ManifestEntry(
                        path: path, sha256: digest.hex, size: Int64(bytes.count), format: source.format,
                        studyUID: study, seriesUID: series, sopInstanceUID: sop, modality: output.string(.modality),
                        bodyPart: output.string(.bodyPartExamined), seriesDescription: output.string(.seriesDescription),
                        derivedFrom: source.sha256))
                    built.derived[path] = .init(digest: digest, size: Int64(bytes.count), sourceObjectId: member.objectId)
                } else {
                    try addGenomic(member, key: key, tier: tier, into: &built, mapped: &mapped)
                }
            }
        } catch {
            tier.discard(built.staged)
            throw error
        }
        if members.contains(where: { $0.entry.sample != nil }) {
            built.transforms.append(DeidentificationTransform.samples(keyId: key.id))
        }
        built.flags = resolved.manifest.flags.compactMap { flag in
            mapped[flag.target].map { ManifestFlag(target: $0, code: flag.code, severity: flag.severity, state: flag.state) }
        }
        return built
    }

    /// A genomic member in the curated zone: samples become pseudonyms; VCF, SAM and BAM headers are
    /// rewritten in a derived copy (``GenomicHeaderPolicy``); FASTQ keeps its bytes under a path that no
    /// longer carries the source name. BCF and CRAM never get here: the policy check refuses them.
    private func addGenomic(
        _ member: VersionMember, key: DeidentificationKey, tier: FileSystemTier, into built: inout BuiltVersion,
        mapped: inout [String: String]
    ) throws {
        let source = member.entry
        if let refusal = GenomicHeaderPolicy.refusal(format: source.format) {
            throw GovernanceError.phiRemaining(object: source.sha256, findings: [refusal])
        }
        let names = source.sample?.split(separator: ",").map(String.init) ?? []
        let pseudonyms = Dictionary(names.map { ($0, key.pseudonym(forSample: $0)) }, uniquingKeysWith: { a, _ in a })
        for (name, pseudonym) in pseudonyms { mapped[name] = pseudonym }
        let sample = names.isEmpty ? nil : names.compactMap { pseudonyms[$0] }.joined(separator: ",")
        let folder = "genomics/" + (names.first.flatMap { pseudonyms[$0] } ?? "unassigned")
        if GenomicHeaderPolicy.rewritten.contains(source.format) {
            let original = try verifiedBytes(of: member)
            let bytes: [UInt8]
            do {
                bytes = try GenomicHeaderPolicy.rewrite(original, format: source.format) {
                    key.pseudonym(forSample: $0)
                }
            } catch {
                throw GovernanceError.unreadableObject(sha256: source.sha256, reason: String(describing: error))
            }
            let digest = ContentHasher.digest(of: bytes)
            if let staged = bytes.withUnsafeBytes({ tier.stage(bytes: $0, digest: digest) }) {
                built.staged.append(staged)
            }
            let compressed = source.format == "VCF" && VCFSampleRewriter.isCompressed(original)
            let path = "\(folder)/\(digest.hex.prefix(16)).\(source.format.lowercased())" + (compressed ? ".gz" : "")
            mapped[source.sha256] = digest.hex
            built.entries.append(ManifestEntry(
                path: path, sha256: digest.hex, size: Int64(bytes.count), format: source.format, sample: sample,
                assay: source.assay, derivedFrom: source.sha256))
            built.derived[path] = .init(digest: digest, size: Int64(bytes.count), sourceObjectId: member.objectId)
        } else {
            try verifyReused(member)
            let path = "\(folder)/\(source.sha256.prefix(16)).\(source.format.lowercased())"
            built.entries.append(ManifestEntry(
                path: path, sha256: source.sha256, size: source.size, format: source.format, sample: sample,
                assay: source.assay))
            built.existingObjects[path] = member.objectId
        }
    }

    /// A selection of `members`, reused as they are; each is re-hashed first so that an object altered in
    /// place is not carried into the new version.
    private func buildSelection(_ resolved: ResolvedVersion, _ members: [VersionMember], selection: MemberSelection)
        throws -> BuiltVersion
    {
        for member in members { try verifyReused(member) }
        var built = BuiltVersion()
        built.entries = members.map(\.entry)
        for member in members { built.existingObjects[member.entry.path] = member.objectId }
        var targets: Set<String> = [resolved.dataset.name]
        for member in members { targets.formUnion(member.entry.flagTargets) }
        built.flags = resolved.manifest.flags.filter { targets.contains($0.target) }
        built.transforms = [ManifestTransform(
            name: "selection", parameters: ["select": selection.text, "members": String(members.count)])]
        return built
    }

    // MARK: - Publishing

    private func publishBuilt(
        _ built: BuiltVersion, promotion: Promotion, checks: [PolicyCheck], resolved: ResolvedVersion, role: Role
    ) throws {
        try catalog.write { tx in
            let now = Date()
            var members: [VersionMember] = []
            var edges: [(source: Int64, derived: Int64)] = []
            for entry in built.entries {
                if let objectId = built.existingObjects[entry.path] {
                    members.append(VersionMember(entry: entry, objectId: objectId))
                } else if let derived = built.derived[entry.path] {
                    let objectId = try tx.objectIdInsertingIfNew(
                        sha256: derived.digest.hex, size: derived.size, tier: configuration.ingestTier, at: now)
                    members.append(VersionMember(entry: entry, objectId: objectId))
                    edges.append((derived.sourceObjectId, objectId))
                }
            }
            let manifest = scored(
                Manifest(
                    dataset: resolved.dataset.name, zone: promotion.targetZone, parent: resolved.record.hash,
                    creator: actor.user, createdAt: now, selection: promotion.selection, entries: built.entries,
                    flags: built.flags, transforms: built.transforms))
            let version = try insertPublished(
                datasetId: resolved.version.datasetId, parentId: resolved.version.id, manifest: manifest,
                members: members, tx)
            guard let versionId = version.id, let promotionId = promotion.id else {
                throw LakeError.notFound(kind: "version", id: manifest.hash)
            }
            let transformText = try built.edgeTransform.map { transform in
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                return String(decoding: try encoder.encode(transform), as: UTF8.self)
            } ?? "{}"
            for edge in edges {
                var row = LineageEdge(
                    sourceObjectId: edge.source, derivedObjectId: edge.derived, versionId: versionId,
                    promotionId: promotionId, transform: transformText, createdAt: now)
                try tx.insert(&row)
            }
            var executed = try fetchPromotion(promotionId, tx)
            executed.state = .executed
            executed.targetVersionId = versionId
            executed.error = nil
            executed.checks = try Self.encodeChecks(checks)
            executed.updatedAt = now
            try tx.update(executed)
            let target = "\(resolved.dataset.name)@\(version.number)"
            try appendAudit(
                tx, role: role, action: "version.publish", target: target,
                details: [
                    "manifest": manifest.hash, "entries": String(members.count), "zone": promotion.targetZone,
                    "parent": resolved.record.hash,
                ])
            try appendAudit(
                tx, role: role, action: "promotion.execute", target: resolved.reference,
                details: [
                    "promotion": String(promotionId), "version": target, "manifest": manifest.hash,
                    "derived": String(edges.count), "transforms": built.transforms.map(\.name).joined(separator: ","),
                ])
            FaultPoint.beforeCommit.reach()
        }
    }

    // MARK: - Recording checks

    /// `run` in order, plus the recorded checks `run` does not cover (the curated dry run, which
    /// execution replaces with a scan of its real outputs).
    static func merging(_ run: [PolicyCheck], recorded: [PolicyCheck]) -> [PolicyCheck] {
        let covered = Set(run.map(\.code))
        var merged = run
        for check in recorded where !covered.contains(check.code) {
            let index = merged.firstIndex { $0.code == "consent" } ?? merged.endIndex
            merged.insert(check, at: index)
        }
        return merged
    }
}
