import Foundation
import Testing

@testable import Catalog

/// The rows governance request tests build on (datasets, versions, objects, manifests and their entries),
/// inserted through the same record requests the engine uses, on whichever engine the test runs.
enum GovernanceRows {
    /// A time with milliseconds, the precision both engines keep.
    static let created = Date(timeIntervalSince1970: 1_780_000_000.125)

    /// A dataset called `name` in `zone`; returns its id.
    static func dataset(_ name: String, zone: String = "raw", sensitivity: String = "restricted", _ tx: CatalogTransaction)
        throws -> Int64
    {
        var dataset = Dataset(name: name, zone: zone, sensitivity: sensitivity, owner: "ana", createdAt: created)
        try tx.insert(&dataset)
        return try #require(dataset.id)
    }

    /// Version `number` of the dataset in `state`; returns its id.
    static func version(datasetId: Int64, number: Int, state: VersionState = .published, _ tx: CatalogTransaction)
        throws -> Int64
    {
        var version = DatasetVersion(
            datasetId: datasetId, number: number, state: state, createdBy: "ana", createdAt: created)
        try tx.insert(&version)
        return try #require(version.id)
    }

    /// An object with digest `sha256` (any text: the tests choose readable ones); returns its id.
    static func object(
        _ sha256: String, size: Int64 = 10, state: CatalogObject.State = .present, tier: String = "hot",
        _ tx: CatalogTransaction
    ) throws -> Int64 {
        var object = CatalogObject(sha256: sha256, size: size, tier: tier, state: state, createdAt: created)
        try tx.insert(&object)
        return try #require(object.id)
    }

    /// The object as a file of the dataset's draft.
    static func file(datasetId: Int64, objectId: Int64, path: String, at time: Date = created, _ tx: CatalogTransaction)
        throws
    {
        var file = DatasetFile(datasetId: datasetId, objectId: objectId, path: path, format: "dicom", ingestedAt: time)
        try tx.insert(&file)
    }

    /// Publishes the version: its manifest with `hash` in `zone`, and one entry per object.
    static func publish(
        versionId: Int64, hash: String, zone: String = "raw", entries: [(objectId: Int64, path: String)],
        _ tx: CatalogTransaction
    ) throws {
        var manifest = VersionManifest(versionId: versionId, hash: hash, zone: zone, body: "{}", createdAt: created)
        try tx.insert(&manifest)
        for entry in entries {
            var row = VersionEntry(
                versionId: versionId, objectId: entry.objectId, path: entry.path, sha256: "sha-\(entry.objectId)",
                size: 10, format: "dicom")
            try tx.insert(&row)
        }
    }
}

extension GovernanceRows {
    /// Expects `body` to throw ``CatalogError/duplicate(table:)`` naming `table`: the one error both engines
    /// give for a repeated unique key.
    static func expectDuplicate(
        in table: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
    ) {
        let error = #expect(throws: CatalogError.self, sourceLocation: sourceLocation) { try body() }
        guard case .duplicate(let refused)? = error else {
            Issue.record("not a duplicate: \(String(describing: error))", sourceLocation: sourceLocation)
            return
        }
        #expect(refused == table, sourceLocation: sourceLocation)
    }
}
