import Catalog
import Foundation
import Storage

extension Lake {
    /// Opens an object for reading wherever it is placed, and records the access (batched). An object
    /// held only by restricted datasets needs a reading role or a grant on one of them (audited).
    ///
    /// - Throws: ``LakeError/restoreRequired(object:tier:datasets:)`` when the object sits in a tier whose
    ///   reads need a restore: the message names the `medlake restore` command to run.
    public func openObject(_ sha256: String, range: Range<Int64>? = nil) async throws -> any ObjectReading {
        let (object, digest) = try locateObject(sha256)
        let reader = try await backend(named: object.tier).openForReading(digest, range: range)
        if let id = object.id, accesses.record(id) { try accesses.flush(to: catalog) }
        return reader
    }

    /// Writes the accesses recorded so far (call before exiting a process that read objects).
    public func flushAccesses() throws {
        try accesses.flush(to: catalog)
    }

    /// Where an object is readable now: its tier and file path; or the restore error.
    public func readablePath(of sha256: String) throws -> String {
        let (object, digest) = try locateObject(sha256)
        return try objectPath(digest, tier: object.tier)
    }

    private func locateObject(_ sha256: String) throws -> (CatalogObject, ObjectDigest) {
        try authorize(.read)
        guard let digest = ObjectDigest(hex: sha256) else {
            throw LakeError.invalidArgument("'\(sha256)' is not a SHA-256 (64 hexadecimal characters).")
        }
        let (object, datasets) = try catalog.read { tx in
            (try tx.object(sha256: digest.hex), try tx.datasetNames(holdingObject: digest.hex))
        }
        guard let object else { throw LakeError.notFound(kind: "object", id: digest.hex) }
        try authorizeAnyDatasetRead(datasets, purpose: "object.read")
        if configuration.tiers[object.tier]?.restoreRequired == true {
            throw LakeError.restoreRequired(object: digest.hex, tier: object.tier, datasets: datasets)
        }
        return (object, digest)
    }
}
