import Catalog
import Foundation
import Storage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Tier identities: checked when the lake opens, before a writer uses a tier and before every delete.
///
/// **Adoption rule** (lakes made before identities existed): a folder tier without an identity file is
/// given one when
/// - it holds no object at all (anyone who may write there: there is nothing to lose), or
/// - the acting user holds the admin role, the catalog places at least one object in the tier, and every
///   object the catalog places there is present in the folder.
///
/// A foreign folder therefore cannot be adopted by pointing a tier at it: it holds objects this catalog
/// does not place there, or lacks some it does. A folder another tier already resolves to is refused
/// before any of this (the tier-folder rules of ``LakeConfiguration``). A tier that cannot be adopted is still
/// readable, but nothing is deleted from it and no worker writes to it until an admin fixes it.
extension Lake {
    /// The identity tier `name` of this lake carries.
    public func expectedIdentity(of name: String) -> TierIdentity {
        TierIdentity(lake: id, tier: name)
    }

    /// Verifies (adopting where the rule allows) every folder tier's identity.
    /// - Throws: ``LakeIntegrityError/tierOfAnotherLake(tier:path:found:)`` for a folder marked as
    ///   another lake's or another tier's.
    func checkTierIdentities() throws {
        for name in configuration.tiers.keys.sorted() where configuration.tiers[name]?.s3 == nil {
            _ = try verifyIdentity(ofFolder: tier(named: name), adopt: true)
        }
    }

    /// True when `tier` carries this lake's identity for it (after adopting it when `adopt` and the rule
    /// allow); false when it has none (or no folder) and stays unadopted.
    /// - Throws: ``LakeIntegrityError/tierOfAnotherLake(tier:path:found:)``.
    func verifyIdentity(ofFolder tier: FileSystemTier, adopt: Bool) throws -> Bool {
        let expected = expectedIdentity(of: tier.name)
        switch try tier.readIdentity() {
        case .present(expected):
            return true
        case .present(let found):
            throw LakeIntegrityError.tierOfAnotherLake(tier: tier.name, path: tier.root, found: found)
        case .unreadable:
            throw LakeIntegrityError.tierOfAnotherLake(tier: tier.name, path: tier.root, found: nil)
        case .noFolder:
            return false
        case .missing:
            guard adopt, try mayAdopt(tier) else { return false }
            let written: TierIdentityState
            do {
                written = try tier.writeIdentity(expected)
            } catch let error as StorageError where [EACCES, EPERM, EROFS].contains(error.errno) {
                return false  // a user who cannot write the folder reads it unadopted
            }
            guard written == .present(expected) else {
                if case .present(let found) = written {
                    throw LakeIntegrityError.tierOfAnotherLake(tier: tier.name, path: tier.root, found: found)
                }
                throw LakeIntegrityError.tierOfAnotherLake(tier: tier.name, path: tier.root, found: nil)
            }
            return true
        }
    }

    /// The adoption rule above.
    private func mayAdopt(_ tier: FileSystemTier) throws -> Bool {
        if try tier.holdsNoObjects() { return true }
        guard actorRoles.contains(.admin) else { return false }
        let placed = try objectsPlaced(in: tier.name)
        return !placed.isEmpty && placed.allSatisfy(tier.contains)
    }

    /// The digests of the objects the catalog places in tier `name`.
    private func objectsPlaced(in name: String) throws -> [ObjectDigest] {
        try catalog.read { tx in try tx.objectHashes(tier: name) }.compactMap(ObjectDigest.init(hex:))
    }

    /// ``verifyIdentity(ofFolder:adopt:)`` for a tier of any kind: a bucket's identity is the object
    /// `.medlake-tier` at its prefix, adopted under the same rule. Buckets are checked when a job starts
    /// (a request per object before each delete would double a migration's requests); folders before
    /// every delete as well.
    func verifyIdentity(of backend: any TierBackend, adopt: Bool) async throws -> Bool {
        if let folder = backend as? FileSystemTier { return try verifyIdentity(ofFolder: folder, adopt: adopt) }
        guard let bucket = backend as? S3Tier else { return false }
        let expected = expectedIdentity(of: bucket.name)
        let place = "s3://\(bucket.client.location.bucket)/\(bucket.client.location.prefix)"
        var state = try await bucket.readIdentity()
        if state == .missing, adopt, try await mayAdopt(bucket) {
            state = try await bucket.writeIdentity(expected)
        }
        switch state {
        case .present(expected): return true
        case .present(let found): throw LakeIntegrityError.tierOfAnotherLake(tier: bucket.name, path: place, found: found)
        case .unreadable: throw LakeIntegrityError.tierOfAnotherLake(tier: bucket.name, path: place, found: nil)
        case .missing, .noFolder: return false
        }
    }

    private func mayAdopt(_ bucket: S3Tier) async throws -> Bool {
        if try await bucket.holdsNoObjects() { return true }
        guard actorRoles.contains(.admin) else { return false }
        let placed = try objectsPlaced(in: bucket.name)
        for digest in placed where try await !bucket.contains(digest) { return false }
        return !placed.isEmpty
    }

    /// Tier `name`'s folder, created if needed and carrying this lake's identity: what a writer (ingest, a
    /// migration's destination) stores into.
    /// - Throws: ``LakeIntegrityError`` when the folder is another's or cannot be adopted.
    func preparedTier(named name: String) throws -> FileSystemTier {
        let tier = try tier(named: name)
        try tier.prepare()
        guard try verifyIdentity(ofFolder: tier, adopt: true) else {
            throw LakeIntegrityError.tierWithoutIdentity(tier: name, path: tier.root)
        }
        return tier
    }

    // MARK: - Deleting

    /// Checks that deleting `object` from `source` leaves the copy `keeper` holds: both folders carry
    /// this lake's identities for their names, the keeper's copy is there with the object's size, and
    /// it is another directory entry than the one to delete.
    ///
    /// The copies of a move within one file system are hard links of one inode, so a shared inode alone
    /// proves nothing; the same inode with one link, or in the same folder, is one file under two tier
    /// names, and deleting it loses the object.
    /// - Throws: ``LakeIntegrityError``.
    func checkDeletable(_ object: CatalogObject, from source: any TierBackend, keptIn keeper: any TierBackend) async throws {
        guard let digest = ObjectDigest(hex: object.sha256) else { return }
        for case let folder as FileSystemTier in [source, keeper] where try !verifyIdentity(ofFolder: folder, adopt: false) {
            throw LakeIntegrityError.tierWithoutIdentity(tier: folder.name, path: folder.root)
        }
        try await Self.checkKeeperCopy(of: digest, size: object.size, from: source, keptIn: keeper)
    }

    /// The part of ``checkDeletable(_:from:keptIn:)`` that needs no catalog, for a worker on another host
    /// (which checked the tiers' identities when it opened them): `keeper` holds the object with `size`
    /// bytes, under another directory entry than the one to delete from `source`.
    /// - Throws: ``LakeIntegrityError/keeperCopyMissing(tier:keeper:object:)``, ``LakeIntegrityError/sameFile(tier:keeper:path:)``.
    static func checkKeeperCopy(
        of digest: ObjectDigest, size: Int64, from source: any TierBackend, keptIn keeper: any TierBackend
    ) async throws {
        guard try await keeper.size(of: digest) == size else {
            throw LakeIntegrityError.keeperCopyMissing(tier: source.name, keeper: keeper.name, object: digest.hex)
        }
        guard let from = source as? FileSystemTier, let kept = keeper as? FileSystemTier else { return }
        let path = from.path(of: digest)
        var doomed = stat()
        var copy = stat()
        guard stat(path, &doomed) == 0, stat(kept.path(of: digest), &copy) == 0 else { return }
        guard doomed.st_dev == copy.st_dev, doomed.st_ino == copy.st_ino else { return }
        var doomedFolder = stat()
        var copyFolder = stat()
        let sameFolder =
            stat(from.folder(of: digest), &doomedFolder) == 0 && stat(kept.folder(of: digest), &copyFolder) == 0
            && doomedFolder.st_dev == copyFolder.st_dev && doomedFolder.st_ino == copyFolder.st_ino
        if doomed.st_nlink < 2 || sameFolder {
            throw LakeIntegrityError.sameFile(tier: source.name, keeper: keeper.name, path: path)
        }
    }

    // MARK: - Temporary files

    /// Removes the in-flight files of dead writers from the folder tiers (``FileSystemTier/sweepTemporaries(unstampedOlderThan:keep:)``),
    /// leaving migration jobs' staged copies to the job's next worker, which counts them.
    @discardableResult
    func sweepDeadTemporaries(in tiers: [FileSystemTier]) throws -> [TemporaryFileInfo] {
        try tiers.flatMap { tier in
            try tier.sweepTemporaries(unstampedOlderThan: Self.staleTemporaryAge, keep: { $0.owner.hasPrefix("job") })
        }
    }

    /// The folder tiers whose folders exist.
    func existingFolderTiers() throws -> [FileSystemTier] {
        try configuration.tiers.keys.sorted().filter { configuration.tiers[$0]?.s3 == nil }.map(tier(named:))
            .filter { FileManager.default.fileExists(atPath: $0.root) }
    }
}
