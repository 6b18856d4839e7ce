import Catalog
import Foundation
import Storage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What ``Lake/rebuildObjects(at:)`` put into a new catalog.
public struct ObjectRebuild: Sendable, Hashable, Codable {
    /// Object rows written, by tier.
    public var objectsByTier: [String: Int]
    /// Tiers left out (their identity is not this lake's, or they could not be read), with the reason.
    public var skippedTiers: [String: String]
    /// Object files left out because their bytes do not hash to their names.
    public var damagedObjects: [String]
}

extension Lake {
    /// Makes a new catalog for a lake whose catalog was lost (missing or 0 bytes) and fills its object
    /// table from the tiers: every object file, re-hashed, in each folder tier that carries this lake's
    /// identity (so a tier of another lake is never taken for this one's). An object found in two tiers
    /// is placed in the first by name; the other copy is then an orphan `fsck` reports.
    ///
    /// Only objects come back: datasets, versions, flags and the audit log lived in the catalog alone.
    /// Ingesting the sources again rebuilds the datasets and links the objects already stored. The new
    /// catalog records the lake id from `lake.id` (which must exist) and opens its audit log with a
    /// `catalog.rebuild` event. Admin only.
    /// - Throws: ``LakeIntegrityError/catalogPresent(path:)`` when a catalog with data is in place.
    public static func rebuildObjects(at root: String) async throws -> (Lake, ObjectRebuild) {
        try await rebuildObjects(at: root, as: Identity.current())
    }

    static func rebuildObjects(at root: String, as actor: Identity) async throws -> (Lake, ObjectRebuild) {
        try requirePersonal(root: root)
        let (configuration, text) = try readConfiguration(root: root)
        try requirePersonal(root: root, configuration: configuration)
        guard configuration.roles(of: actor.user).contains(.admin) else {
            throw LakeError.notPermitted(user: actor.user, permission: .configure)
        }
        if let location = configuration.catalog.postgres {
            throw LakeIntegrityError.catalogPresent(path: location.description)
        }
        let catalogPath = root + "/" + catalogFileName
        do {
            try requireCatalogFile(root: root)
            throw LakeIntegrityError.catalogPresent(path: catalogPath)
        } catch LakeIntegrityError.catalogMissing, LakeIntegrityError.catalogEmpty {}
        guard let id = try readIdentityFile(root + "/" + identityFileName) else {
            throw LakeError.invalidArgument(
                "\(root)/\(identityFileName) is missing: without the lake's id no tier can be proven this lake's")
        }
        for stale in [catalogPath, catalogPath + "-wal", catalogPath + "-shm"] where unlink(stale) != 0 && errno != ENOENT {
            throw LakeError.system(operation: "unlink", path: stale, errno: errno)
        }
        try writeNewFile(catalogPath, contents: [], mode: 0o600)
        let catalog = try CatalogStore(path: catalogPath)
        try await catalog.write { tx in try tx.recordLakeIdentity(id) }
        let lake = Lake(root: root, configuration: configuration, catalog: catalog, actor: actor, id: id)
        let rebuild = try await lake.insertObjectsFromTiers()
        let previousLog = try lake.retireAuditHead()
        try await catalog.write { tx in
            try lake.recordConfigurationSnapshot(text: text, tx)
            try lake.appendAudit(
                tx, role: .admin, action: "catalog.rebuild", target: root,
                details: rebuild.objectsByTier.mapValues(String.init).merging(
                    ["damagedObjects": rebuild.damagedObjects.joined(separator: " ")].merging(previousLog) { a, _ in a },
                    uniquingKeysWith: { first, _ in first }))
        }
        return (lake, rebuild)
    }

    /// Walks each folder tier carrying this lake's identity and writes a row for every object whose bytes
    /// hash to its name.
    private func insertObjectsFromTiers() async throws -> ObjectRebuild {
        var rebuild = ObjectRebuild(objectsByTier: [:], skippedTiers: [:], damagedObjects: [])
        for name in configuration.tiers.keys.sorted() {
            guard configuration.tiers[name]?.s3 == nil else {
                rebuild.skippedTiers[name] = "an S3 tier (list it and re-ingest)"
                continue
            }
            let tier = try tier(named: name)
            guard case .present(expectedIdentity(of: name)) = try tier.readIdentity() else {
                rebuild.skippedTiers[name] = "its folder does not carry this lake's identity for tier '\(name)'"
                continue
            }
            var found: [(hex: String, size: Int64)] = []
            for try await digest in tier.list() {
                guard try await tier.verify(digest) else {
                    rebuild.damagedObjects.append(digest.hex)
                    continue
                }
                var info = stat()
                guard stat(tier.path(of: digest), &info) == 0 else { continue }
                found.append((digest.hex, Int64(info.st_size)))
            }
            let rows = found
            let count = try await catalog.write { tx in
                try tx.insertPresentObjects(rows.map { ($0.hex, $0.size) }, tier: name, at: Date())
            }
            rebuild.objectsByTier[name] = count
        }
        return rebuild
    }
}
