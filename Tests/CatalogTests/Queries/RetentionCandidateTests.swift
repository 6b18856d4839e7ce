import Foundation
import Testing

@testable import Catalog

/// What retention plans from: objects with every dataset and zone referring to them, on each engine.
@Suite struct RetentionCandidateTests {
    @Test("Each live object lists the drafts and published versions referring to it, in their zones; deleted objects are left out",
        arguments: CatalogEngine.available)
    func candidates(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let (objects, chest, brain) = try store.write { tx throws in
                let chest = try tx.addDataset("chest", zone: "raw")
                let brain = try tx.addDataset("brain", zone: "curated")
                let shared = try tx.addObject("shared", size: 6_000_000_000)
                let draftOnly = try tx.addObject("draft")
                let gone = try tx.addObject("gone", state: .deleted)
                _ = try tx.addObject("orphan")
                try tx.addFile(dataset: chest, object: shared, path: "s.dcm")
                try tx.addFile(dataset: brain, object: draftOnly, path: "d.dcm")
                try tx.addFile(dataset: brain, object: gone, path: "g.dcm")
                let v1 = try tx.addVersion(datasetId: chest, number: 1)
                try tx.publish(versionId: v1, hash: "h1", zone: "gold", entries: [(shared, "s.dcm")])
                return ([shared, draftOnly], chest, brain)
            }
            let candidates = try store.read { tx in try tx.retentionCandidates() }
            #expect(candidates.map(\.id) == objects)
            let shared = try #require(candidates.first)
            #expect(shared.size == 6_000_000_000 && shared.createdAt == CatalogTransaction.testTime)
            let references = shared.references.map { "\($0.datasetId)@\($0.zone)" }.sorted()
            #expect(references == ["\(chest)@gold", "\(chest)@raw"].sorted())
            #expect(candidates.last?.references.map(\.datasetId) == [brain])
            #expect(candidates.last?.references.map(\.zone) == ["curated"])
            try store.read { tx throws in
                #expect(try tx.datasetNames(referencingObject: objects[0]) == ["chest"])
                #expect(try tx.datasetNames(referencingObject: objects[1]) == ["brain"])
                #expect(try tx.datasetNames(referencingObject: objects[1] + 100).isEmpty)
            }
        }
    }

    @Test("Each object's earliest study date comes from the instances it holds", arguments: CatalogEngine.available)
    func studyDates(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let (early, undated) = try store.write { tx throws in
                let dataset = try tx.addDataset("chest")
                let early = try tx.addObject("early")
                let undated = try tx.addObject("undated")
                for (uid, date, object) in [("1", "20240105", early), ("2", "20230301", early), ("3", nil, undated)]
                    as [(String, String?, Int64)]
                {
                    var study = Study(datasetId: dataset, studyInstanceUID: uid, studyDate: date)
                    try tx.insert(&study)
                    var series = Series(
                        datasetId: dataset, studyId: try #require(study.id), seriesInstanceUID: uid + ".1", modality: "CT",
                        instanceCount: 1)
                    try tx.insert(&series)
                    var instance = Instance(seriesId: try #require(series.id), objectId: object, sopInstanceUID: uid + ".1.1")
                    try tx.insert(&instance)
                }
                return (early, undated)
            }
            let dates = try store.read { tx in try tx.earliestStudyDates() }
            #expect(dates == [early: "20230301"])
            #expect(dates[undated] == nil)
        }
    }
}
