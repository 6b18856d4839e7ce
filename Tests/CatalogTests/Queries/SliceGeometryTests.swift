import Foundation
import Testing

@testable import Catalog

/// The slice geometry the series rules compare, on each engine.
@Suite struct SliceGeometryTests {
    @Test("Each series' slices come in ingest order, NULLs kept, only from the dataset",
        arguments: CatalogEngine.available)
    func geometry(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let dataset = try store.write { tx throws in
                let dataset = try tx.addDataset("ct")
                let other = try tx.addDataset("other")
                let study = try tx.addStudy("1", dataset: dataset)
                let axial = try tx.addSeries("1.1", study: study, dataset: dataset, modality: "CT")
                let sagittal = try tx.addSeries("1.2", study: study, dataset: dataset, modality: "CT")
                let otherStudy = try tx.addStudy("1", dataset: other)
                let foreign = try tx.addSeries("1.1", study: otherStudy, dataset: other, modality: "CT")
                // Interleaved, with instance numbers and UIDs out of order, so only the row id gives this order.
                let slices: [(Int64, String, Int?, String?)] = [
                    (axial, "1.1.9", 3, "0\\0\\3"), (sagittal, "1.2.1", 1, "1\\0\\0"), (axial, "1.1.1", 1, "0\\0\\1"),
                    (foreign, "1.1.5", 9, "9\\9\\9"), (axial, "1.1.5", nil, nil),
                ]
                for (index, (series, uid, number, position)) in slices.enumerated() {
                    _ = try tx.addInstance(
                        uid, series: series, object: try tx.addObject(index), number: number, position: position,
                        orientation: position == nil ? nil : "1\\0\\0\\0\\1\\0")
                }
                return dataset
            }
            let geometry = try store.read { tx in try tx.sliceGeometry(datasetId: dataset) }
            #expect(Set(geometry.keys) == ["1.1", "1.2"])
            #expect(geometry["1.1"]?.map(\.instanceNumber) == [3, 1, nil])
            #expect(geometry["1.1"]?.map(\.imagePosition) == ["0\\0\\3", "0\\0\\1", nil])
            #expect(geometry["1.1"]?.last?.imageOrientation == nil)
            let sagittal = SliceGeometry(
                instanceNumber: 1, imagePosition: "1\\0\\0", imageOrientation: "1\\0\\0\\0\\1\\0")
            #expect(geometry["1.2"] == [sagittal])
        }
    }
}
