import Foundation
import Testing

@testable import Catalog

/// Catalog rows for request and query tests (datasets, versions, manifests, objects, files, imaging and
/// genomics rows), inserted through the same record requests the engine uses so they land alike on both
/// engines; each returns the new row's id.
extension CatalogTransaction {
    /// A time with milliseconds, the precision both engines keep.
    static let testTime = Date(timeIntervalSince1970: 1_780_000_000.125)

    /// A SHA-256-shaped hex digest that sorts by `number`.
    static func digest(_ number: Int) -> String {
        let hex = String(number, radix: 16)
        return String(repeating: "0", count: 64 - hex.count) + hex
    }

    func addDataset(_ name: String, zone: String = "raw", sensitivity: String = "restricted") throws -> Int64 {
        var dataset = Dataset(name: name, zone: zone, sensitivity: sensitivity, owner: "ana", createdAt: Self.testTime)
        try insert(&dataset)
        return try #require(dataset.id)
    }

    /// Version `number` of the dataset in `state`.
    func addVersion(datasetId: Int64, number: Int, state: VersionState = .published) throws -> Int64 {
        var version = DatasetVersion(
            datasetId: datasetId, number: number, state: state, createdBy: "ana", createdAt: Self.testTime)
        try insert(&version)
        return try #require(version.id)
    }

    /// Publishes the version: its manifest with `hash` in `zone`, and one entry per object.
    func publish(versionId: Int64, hash: String, zone: String = "raw", entries: [(objectId: Int64, path: String)]) throws {
        var manifest = VersionManifest(versionId: versionId, hash: hash, zone: zone, body: "{}", createdAt: Self.testTime)
        try insert(&manifest)
        for entry in entries {
            var row = VersionEntry(
                versionId: versionId, objectId: entry.objectId, path: entry.path, sha256: "sha-\(entry.objectId)",
                size: 10, format: "dicom")
            try insert(&row)
        }
    }

    func addStudy(_ uid: String, dataset: Int64, date: String? = nil) throws -> Int64 {
        var study = Study(datasetId: dataset, studyInstanceUID: uid, studyDate: date)
        try insert(&study)
        return try #require(study.id)
    }

    func addSeries(
        _ uid: String, study: Int64, dataset: Int64, modality: String, instances: Int = 0, bodyPart: String? = nil,
        description: String? = nil
    ) throws -> Int64 {
        var series = Series(
            datasetId: dataset, studyId: study, seriesInstanceUID: uid, modality: modality, bodyPart: bodyPart,
            description: description, instanceCount: instances)
        try insert(&series)
        return try #require(series.id)
    }

    /// An object whose digest is ``digest(_:)`` of `number`.
    func addObject(_ number: Int, size: Int64 = 1, state: CatalogObject.State = .present) throws -> Int64 {
        try addObject(Self.digest(number), size: size, state: state)
    }

    /// An object with digest `sha256` (any text: the tests choose readable ones).
    func addObject(
        _ sha256: String, size: Int64 = 10, state: CatalogObject.State = .present, tier: String = "hot"
    ) throws -> Int64 {
        var object = CatalogObject(sha256: sha256, size: size, tier: tier, state: state, createdAt: Self.testTime)
        try insert(&object)
        return try #require(object.id)
    }

    func addInstance(
        _ uid: String, series: Int64, object: Int64, number: Int? = nil, position: String? = nil,
        orientation: String? = nil
    ) throws -> Int64 {
        var instance = Instance(
            seriesId: series, objectId: object, sopInstanceUID: uid, instanceNumber: number, imagePosition: position,
            imageOrientation: orientation)
        try insert(&instance)
        return try #require(instance.id)
    }

    func addSample(_ name: String, dataset: Int64, assay: String? = nil) throws -> Int64 {
        var sample = Sample(datasetId: dataset, name: name, assay: assay)
        try insert(&sample)
        return try #require(sample.id)
    }

    @discardableResult
    func addGenomicFile(sample: Int64, object: Int64, format: String, headerFacts: String = "{}") throws -> Int64 {
        var file = GenomicFile(sampleId: sample, objectId: object, format: format, headerFacts: headerFacts)
        try insert(&file)
        return try #require(file.id)
    }

    /// The object as a file of the dataset's draft, ingested at `time`.
    @discardableResult
    func addFile(
        dataset: Int64, object: Int64, path: String, format: String = "dicom", at time: Date = testTime
    ) throws -> Int64 {
        var file = DatasetFile(datasetId: dataset, objectId: object, path: path, format: format, ingestedAt: time)
        try insert(&file)
        return try #require(file.id)
    }
}

extension CatalogTransaction {
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
