import Foundation
import Testing

@testable import Catalog

/// Catalog rows for query tests, written through the seam so they land alike on both engines; each returns
/// the new row's id.
extension CatalogTransaction {
    static let testTime = Date(timeIntervalSince1970: 1_780_000_000)

    /// A SHA-256-shaped hex digest that sorts by `number`.
    static func digest(_ number: Int) -> String {
        let hex = String(number, radix: 16)
        return String(repeating: "0", count: 64 - hex.count) + hex
    }

    func addDataset(_ name: String, zone: String = "raw") throws -> Int64 {
        var dataset = Dataset(name: name, zone: zone, owner: "ana", createdAt: Self.testTime)
        try insert(&dataset)
        return try #require(dataset.id)
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
        var object = CatalogObject(
            sha256: Self.digest(number), size: size, tier: "hot", state: state, createdAt: Self.testTime)
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

    @discardableResult
    func addFile(dataset: Int64, object: Int64, path: String, format: String) throws -> Int64 {
        var file = DatasetFile(
            datasetId: dataset, objectId: object, path: path, format: format, ingestedAt: Self.testTime)
        try insert(&file)
        return try #require(file.id)
    }
}
