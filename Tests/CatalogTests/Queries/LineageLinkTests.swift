import Foundation
import Testing

@testable import Catalog

/// The `explain` requests (lineage edges, ingests, promotions that made a version), on each engine.
@Suite struct LineageLinkTests {
    /// Raw object `raw` made `mid`, and `mid` made `out`, through promotions into versions 2 and 3 of one
    /// dataset, whose version 1 drafted from files.
    struct Chain {
        var raw: Int64, mid: Int64, out: Int64
        var v2: Int64, v3: Int64
        var first: Int64, second: Int64
    }

    static func chain(_ tx: CatalogTransaction) throws -> Chain {
        let dataset = try tx.addDataset("chest")
        let raw = try tx.addObject("raw", tier: "cold")
        let mid = try tx.addObject("mid", tier: "warm")
        let out = try tx.addObject("out", tier: "hot")
        let v1 = try tx.addVersion(datasetId: dataset, number: 1)
        let v2 = try tx.addVersion(datasetId: dataset, number: 2)
        let v3 = try tx.addVersion(datasetId: dataset, number: 3)
        try tx.publish(versionId: v1, hash: "h1", entries: [(raw, "raw.dcm")])
        try tx.publish(versionId: v2, hash: "h2", entries: [(mid, "mid.dcm")])
        try tx.publish(versionId: v3, hash: "h3", entries: [(out, "out.dcm"), (raw, "again/raw.dcm")])
        var promotions: [Int64] = []
        for (target, zone) in [(v2, "curated"), (v3, "gold")] {
            var promotion = Promotion(
                datasetId: dataset, sourceVersionId: v1, targetZone: zone, selection: "", reason: "", requester: "ana",
                state: .executed, checks: "[]", targetVersionId: target, createdAt: CatalogTransaction.testTime,
                updatedAt: CatalogTransaction.testTime)
            try tx.insert(&promotion)
            promotions.append(try #require(promotion.id))
        }
        for (source, derived, version, promotion, transform) in [
            (raw, mid, v2, promotions[0], #"{"op":"deid"}"#), (mid, out, v3, promotions[1], #"{"op":"crop"}"#),
            (raw, out, v3, promotions[1], #"{"op":"merge"}"#),
        ] {
            var edge = LineageEdge(
                sourceObjectId: source, derivedObjectId: derived, versionId: version, promotionId: promotion,
                transform: transform, createdAt: CatalogTransaction.testTime)
            try tx.insert(&edge)
        }
        for (promotion, approver, decision) in [
            (promotions[0], "cy", Decision.approve), (promotions[0], "bo", .approve), (promotions[0], "dee", .reject),
        ] {
            var approval = PromotionApproval(
                promotionId: promotion, approver: approver, decision: decision, comment: "", createdAt: CatalogTransaction.testTime)
            try tx.insert(&approval)
        }
        return Chain(raw: raw, mid: mid, out: out, v2: v2, v3: v3, first: promotions[0], second: promotions[1])
    }

    @Test("Lineage walks both ways from an object, naming the far end's tier and digest", arguments: CatalogEngine.available)
    func walk(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let chain = try store.write { tx in try Self.chain(tx) }
            try store.read { tx throws in
                let madeFromOut = try tx.lineageLinks(objectId: chain.out, madeFrom: true)
                #expect(madeFromOut.map(\.otherSHA256) == ["mid", "raw"])
                #expect(madeFromOut.map(\.otherTier) == ["warm", "cold"])
                #expect(madeFromOut.map(\.transform) == [#"{"op":"crop"}"#, #"{"op":"merge"}"#])
                #expect(madeFromOut.allSatisfy { $0.derivedSHA256 == "out" && $0.versionId == chain.v3 })
                let madeOfRaw = try tx.lineageLinks(objectId: chain.raw, madeFrom: false)
                #expect(madeOfRaw.map(\.otherSHA256) == ["mid", "out"])
                #expect(madeOfRaw.map(\.promotionId) == [chain.first, chain.second])
                #expect(madeOfRaw.allSatisfy { $0.sourceSHA256 == "raw" })
                #expect(try tx.lineageLinks(objectId: chain.raw, madeFrom: true).isEmpty)
                let ofVersion = try tx.lineageLinks(versionId: chain.v3, limit: 1)
                #expect(ofVersion.map(\.otherSHA256) == ["out"])
                #expect(ofVersion.first?.sourceSHA256 == "mid" && ofVersion.first?.otherTier == "hot")
                #expect(try tx.lineageLinks(versionId: chain.v3, limit: 10).count == 2)
                #expect(try tx.versionEntries(objectId: chain.raw).map(\.path) == ["raw.dcm", "again/raw.dcm"])
                let made = try tx.promotions(targetVersionId: chain.v2)
                #expect(made.map(\.promotion.id) == [chain.first])
                #expect(made.first?.approvers == ["cy", "bo"])
                #expect(try tx.promotions(targetVersionId: chain.v3).first?.approvers == [])
            }
        }
    }

    @Test("An object is found by SOP Instance UID among instances first, then published entries; its ingests are listed oldest first",
        arguments: CatalogEngine.available)
    func objectsAndIngests(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            let (instanceObject, entryObject) = try store.write { tx throws in
                let dataset = try tx.addDataset("chest")
                let other = try tx.addDataset("brain")
                let instanceObject = try tx.addObject("inst")
                let entryObject = try tx.addObject("entry")
                var study = Study(datasetId: dataset, studyInstanceUID: "1.2")
                try tx.insert(&study)
                var series = Series(
                    datasetId: dataset, studyId: try #require(study.id), seriesInstanceUID: "1.2.3", modality: "CT",
                    instanceCount: 1)
                try tx.insert(&series)
                var instance = Instance(seriesId: try #require(series.id), objectId: instanceObject, sopInstanceUID: "1.2.3.4")
                try tx.insert(&instance)
                let version = try tx.addVersion(datasetId: dataset, number: 1)
                var entry = VersionEntry(
                    versionId: version, objectId: entryObject, path: "e.dcm", sha256: "entry", size: 1, format: "dicom",
                    sopInstanceUID: "1.2.3.5")
                try tx.insert(&entry)
                var shadow = VersionEntry(
                    versionId: version, objectId: entryObject, path: "shadow.dcm", sha256: "entry", size: 1,
                    format: "dicom", sopInstanceUID: "1.2.3.4")
                try tx.insert(&shadow)
                try tx.addFile(
                    dataset: other, object: instanceObject, path: "later.dcm",
                    at: CatalogTransaction.testTime.addingTimeInterval(5))
                try tx.addFile(dataset: dataset, object: instanceObject, path: "first.dcm")
                for (seq, actor, target, time) in [
                    (1, "bo", "chest", 2_000), (2, "ana", "chest", 3_000), (3, "bo", "chest", 1_000),
                    (4, "cy", "brain", 500),
                ] as [(Int64, String, String, Int64)] {
                    var event = AuditEvent(
                        seq: seq, time: time, actor: actor, role: "curator", action: "ingest", target: target,
                        details: "{}", prevHash: "p\(seq)", hash: "h\(seq)")
                    try tx.insert(&event)
                }
                var refused = AuditEvent(
                    seq: 5, time: 1, actor: "zed", role: "admin", action: "ingest.refused", target: "chest", details: "{}",
                    prevHash: "p5", hash: "h5")
                try tx.insert(&refused)
                return (instanceObject, entryObject)
            }
            try store.read { tx throws in
                #expect(try tx.objectId(sopInstanceUID: "1.2.3.4") == instanceObject)
                #expect(try tx.objectId(sopInstanceUID: "1.2.3.5") == entryObject)
                #expect(try tx.objectId(sopInstanceUID: "9.9") == nil)
                let ingests = try tx.ingests(objectId: instanceObject)
                #expect(ingests.map(\.datasetName) == ["chest", "brain"])
                #expect(ingests.map(\.path) == ["first.dcm", "later.dcm"])
                #expect(ingests.first?.ingestedAt == CatalogTransaction.testTime)
                let actors = try tx.ingestActors(datasetName: "chest")
                #expect(actors.map(\.actor) == ["ana", "bo"])
                #expect(actors.map(\.first) == [3, 1].map { Date(timeIntervalSince1970: $0) })
            }
        }
    }
}
