import Catalog
import Foundation
import Storage

extension Lake {
    /// The canonical manifest bytes of the published version `reference` (their SHA-256 is its id).
    public func exportManifest(_ reference: String) throws -> (hash: String, bytes: [UInt8]) {
        try authorize(.read)
        let resolved = try catalog.read { tx in try resolvePublished(reference, tx) }
        try authorizeDatasetRead(resolved.dataset.name, purpose: "manifest.export")
        return (resolved.record.hash, Array(resolved.record.body.utf8))
    }

    /// The parsed manifest of the published version `reference`.
    public func manifest(_ reference: String) throws -> Manifest {
        try authorize(.read)
        let resolved = try catalog.read { tx in try resolvePublished(reference, tx) }
        try authorizeDatasetRead(resolved.dataset.name, purpose: "manifest.show")
        return resolved.manifest
    }

    /// Re-hashes every object of a manifest — a published version (`DATASET@VERSION`) or a manifest file —
    /// wherever it lives now, and reports missing, corrupt and not-readable-without-a-restore objects.
    ///
    /// The file is read with this process's rights: the lake service never calls this with a caller's
    /// path (it calls the overload taking a ``ManifestSource``, with the document's bytes).
    public func verifyManifest(_ referenceOrFile: String) throws -> ManifestVerification {
        if FileManager.default.fileExists(atPath: referenceOrFile) {
            let data = try Data(contentsOf: URL(fileURLWithPath: referenceOrFile))
            return try verifyManifest(.document(name: referenceOrFile, bytes: Array(data)))
        }
        return try verifyManifest(.version(referenceOrFile))
    }

    /// Re-hashes every object of a published version's manifest or of a manifest document.
    public func verifyManifest(_ source: ManifestSource) throws -> ManifestVerification {
        try authorize(.read)
        let manifest: Manifest
        let intact: Bool
        let id: String
        switch source {
        case .document(let name, let bytes):
            manifest = try Manifest.parse(Data(bytes), source: name)
            id = manifest.hash
            // A document is intact when it is byte for byte the canonical form the lake wrote.
            intact = bytes == manifest.canonicalBytes
        case .version(let reference):
            let resolved = try catalog.read { tx in try resolvePublished(reference, tx) }
            try authorizeDatasetRead(resolved.dataset.name, purpose: "manifest.verify")
            manifest = resolved.manifest
            id = resolved.record.hash
            intact = ContentHasher.digest(of: Array(resolved.record.body.utf8)).hex == resolved.record.hash
        }
        // A document may list any hashes: only objects in datasets the caller may read are looked up, the
        // rest read as absent, so verifying made-up manifests cannot tell whether a file is in a
        // restricted dataset (or where, or who deleted it).
        let hidden: Set<String>
        if case .document = source { hidden = try unreadableHashes(manifest.entries.map(\.sha256)) } else { hidden = [] }
        var problems: [ManifestVerification.Problem] = []
        for entry in manifest.entries {
            if hidden.contains(entry.sha256) {
                problems.append(ManifestVerification.Problem(
                    path: entry.path, sha256: entry.sha256, status: .missing, location: Self.notReadableLocation))
            } else if let problem = try verify(entry) {
                problems.append(problem)
            }
        }
        return ManifestVerification(
            manifest: id, manifestIntact: intact, entryCount: manifest.entries.count,
            okCount: manifest.entries.count - problems.count, problems: problems)
    }

    /// What changed from version (or manifest file) `a` to `b`.
    public func diffManifests(_ a: String, _ b: String) throws -> ManifestDiff {
        let first = try loadManifest(a)
        let second = try loadManifest(b)
        return ManifestDiff(first, second, fromName: a, toName: b)
    }

    /// A manifest from a file path or a version reference.
    func loadManifest(_ referenceOrFile: String) throws -> Manifest {
        if FileManager.default.fileExists(atPath: referenceOrFile) {
            try authorize(.read)
            return try Manifest.parse(Data(contentsOf: URL(fileURLWithPath: referenceOrFile)), source: referenceOrFile)
        }
        return try manifest(referenceOrFile)
    }

    // MARK: - One object

    /// Where a document's entry is said to be when the caller may not read any dataset holding it, or no
    /// object has its hash: the same words for both, so the answer tells nothing.
    static let notReadableLocation = "not in a dataset you may read"

    /// The hashes among `sha256s` that no dataset the actor may read holds (absent ones included); reads
    /// through grants are audited as `manifest.verify`.
    private func unreadableHashes(_ sha256s: [String]) throws -> Set<String> {
        let holders = try catalog.read { tx in
            try Dictionary(sha256s.map { ($0, try tx.datasetNames(holdingObject: $0.lowercased())) }) { first, _ in first }
        }
        let readable = try readableDatasets(Set(holders.values.joined()), purpose: "manifest.verify")
        return Set(holders.filter { _, names in !names.contains(where: readable.contains) }.keys)
    }

    private func verify(_ entry: ManifestEntry) throws -> ManifestVerification.Problem? {
        func problem(_ status: ManifestVerification.Status, _ location: String) -> ManifestVerification.Problem {
            ManifestVerification.Problem(path: entry.path, sha256: entry.sha256, status: status, location: location)
        }
        guard let digest = ObjectDigest(hex: entry.sha256) else { return problem(.missing, "invalid SHA-256") }
        let object = try catalog.read { tx in try tx.object(sha256: digest.hex) }
        guard let object else { return problem(.missing, "not in the catalog") }
        if object.state == .deleted {
            let record = try catalog.read { tx in try tx.tombstone(sha256: digest.hex) }
            guard let tombstone = record else { return problem(.missing, object.tier) }
            return problem(
                .deletedByRetention,
                "deleted by retention policy \(tombstone.rule) on \(Manifest.timestamp(tombstone.deletedAt).prefix(10)) "
                    + "(deletion \(tombstone.requestId), approved by \(tombstone.approvers))")
        }
        let needsRestore = configuration.tiers[object.tier]?.restoreRequired ?? false
        if needsRestore || object.state == .restoring { return problem(.needsRestore, object.tier) }
        // The catalog's tier first, then every other tier (an object moving between tiers is in one of them).
        let tierNames = [object.tier] + configuration.tiers.keys.sorted().filter { $0 != object.tier }
        for name in tierNames {
            let tier = try tier(named: name)
            guard tier.contains(digest) else { continue }
            if configuration.tiers[name]?.restoreRequired == true { return problem(.needsRestore, name) }
            let actual = try ContentHasher.digest(ofFileAt: tier.path(of: digest))
            return actual.digest == digest && actual.size == entry.size ? nil : problem(.corrupt, tier.path(of: digest))
        }
        return problem(.missing, object.tier)
    }
}
