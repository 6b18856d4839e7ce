import Foundation
import Testing

@testable import Catalog

/// The request methods whose behaviour is more than one `WHERE`: run against a real catalog file.
@Suite struct CatalogTransactionTests {
    let store: CatalogStore
    let datasetId: Int64

    init() throws {
        store = try CatalogStore(path: NSTemporaryDirectory() + "requests-" + UUID().uuidString + ".sqlite")
        datasetId = try store.write { tx throws in
            var dataset = Dataset(name: "chest", zone: "raw", owner: "o", createdAt: Date())
            try tx.insert(&dataset)
            var other = Dataset(name: "brain", zone: "raw", owner: "o", createdAt: Date())
            try tx.insert(&other)
            return dataset.id ?? 0
        }
    }

    private func addObject(_ hash: Character, to datasetId: Int64, _ tx: CatalogTransaction) throws -> Int64 {
        var object = CatalogObject(
            sha256: String(repeating: hash, count: 64), size: 10, tier: "hot", state: .present, createdAt: Date())
        try tx.insert(&object)
        var file = DatasetFile(
            datasetId: datasetId, objectId: object.id ?? 0, path: "\(hash).dcm", format: "DICOM", ingestedAt: Date())
        try tx.insert(&file)
        return object.id ?? 0
    }

    private func publish(number: Int, hash: String, zone: String, _ tx: CatalogTransaction) throws -> Int64 {
        var version = DatasetVersion(
            datasetId: datasetId, number: number, state: .published, manifestHash: hash, createdBy: "o",
            createdAt: Date())
        try tx.insert(&version)
        var manifest = VersionManifest(
            versionId: version.id ?? 0, hash: hash, zone: zone, body: "{}", createdAt: Date())
        try tx.insert(&manifest)
        return version.id ?? 0
    }

    // MARK: - Datasets

    @Test("A dataset is found by its exact name only")
    func datasetByName() throws {
        try store.read { tx throws in
            #expect(try tx.dataset(named: "chest")?.id == datasetId)
            #expect(try tx.dataset(named: "Chest") == nil)
            #expect(try tx.dataset(named: "ches") == nil)
            #expect(try tx.datasetName(id: datasetId) == "chest")
        }
    }

    @Test("A read transaction cannot write")
    func readTransactionsAreReadOnly() throws {
        #expect(throws: (any Error).self) {
            try store.read { tx throws in
                var dataset = Dataset(name: "sneaky", zone: "raw", owner: "o", createdAt: Date())
                try tx.insert(&dataset)
            }
        }
        #expect(try store.read { tx in try tx.dataset(named: "sneaky") } == nil)
    }

    @Test("A write that throws leaves nothing behind")
    func writesRollBack() throws {
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try store.write { tx throws in
                var dataset = Dataset(name: "half", zone: "raw", owner: "o", createdAt: Date())
                try tx.insert(&dataset)
                throw Stop()
            }
        }
        #expect(try store.read { tx in try tx.dataset(named: "half") } == nil)
    }

    // MARK: - Versions

    @Test("The latest published version is the highest number; a hash prefix matches at most two")
    func publishedVersions() throws {
        try store.write { tx throws in
            _ = try publish(number: 1, hash: "aaaa1111" + String(repeating: "0", count: 56), zone: "raw", tx)
            _ = try publish(number: 2, hash: "aaaa2222" + String(repeating: "0", count: 56), zone: "curated", tx)
            _ = try publish(number: 3, hash: "aaaa3333" + String(repeating: "0", count: 56), zone: "curated", tx)
        }
        try store.read { tx throws in
            #expect(try tx.latestPublished(datasetId: datasetId)?.hash.hasPrefix("aaaa3333") == true)
            #expect(try tx.nextVersionNumber(datasetId: datasetId) == 4)
            #expect(try tx.manifests(hashPrefix: "aaaa", limit: 2).count == 2)
            #expect(try tx.manifests(hashPrefix: "aaaa2222", limit: 2).count == 1)
            #expect(try tx.publishedVersionCountsByZone() == ["raw": 1, "curated": 2])
            #expect(try tx.versionReference(id: tx.latestPublished(datasetId: datasetId)?.versionId ?? 0) == "chest@3")
        }
    }

    // MARK: - Flags

    @Test("A rule raises its flag once per dataset, target and code")
    func ruleFlagsAreRaisedOnce() throws {
        let raised = try store.write { tx throws in
            try (1...3).map { _ in
                try tx.raiseRuleFlag(
                    datasetId: datasetId, targetKind: .series, target: "1.2.3", code: "instance-gap",
                    severity: .warning, note: "gap", at: Date())
            }
        }
        #expect(raised == [true, false, false])
        let flags = try store.read { tx in try tx.flags(datasetId: datasetId) }
        #expect(flags.count == 1)
        #expect(flags.first?.source == .rule)
        #expect(flags.first?.state == .open)
        #expect(try store.read { tx in try tx.flags(severity: .blocking) }.isEmpty)
    }

    // MARK: - Audit

    @Test("An action ending in a dot selects the whole family; the visit stops when asked")
    func auditFilters() throws {
        try store.write { tx throws in
            for (seq, action) in ["flag.add", "flag.resolve", "flagship", "grant.create"].enumerated() {
                var event = AuditEvent(
                    seq: Int64(seq + 1), time: Int64(seq), actor: "a", role: "curator", action: action, target: "t",
                    details: "{}", prevHash: "p\(seq)", hash: "h\(seq)")
                try tx.insert(&event)
            }
        }
        try store.read { tx throws in
            #expect(try tx.auditEvents(action: "flag.").map(\.action) == ["flag.add", "flag.resolve"])
            #expect(try tx.auditEvents(action: "flag.add").map(\.action) == ["flag.add"])
            #expect(try tx.auditEvents(newestFirst: true, limit: 1).map(\.action) == ["grant.create"])
            #expect(try tx.lastAuditEvent()?.seq == 4)
            var visited: [Int64] = []
            try tx.visitAuditEvents { event in
                visited.append(event.seq)
                return event.seq < 2
            }
            #expect(visited == [1, 2])
        }
    }

    // MARK: - Holds and retention

    @Test("A dataset hold covers its files and its published entries; a released hold covers nothing")
    func legalHolds() throws {
        let (fileObject, entryObject, holdId) = try store.write { tx -> (Int64, Int64, Int64) in
            let fileObject = try addObject("a", to: datasetId, tx)
            var object = CatalogObject(
                sha256: String(repeating: "b", count: 64), size: 5, tier: "hot", state: .present, createdAt: Date())
            try tx.insert(&object)
            let versionId = try publish(number: 1, hash: String(repeating: "c", count: 64), zone: "raw", tx)
            var entry = VersionEntry(
                versionId: versionId, objectId: object.id ?? 0, path: "b.dcm", sha256: object.sha256, size: 5,
                format: "DICOM")
            try tx.insert(&entry)
            var hold = LegalHold(datasetId: datasetId, versionId: nil, reason: "case", createdBy: "o", createdAt: Date())
            try tx.insert(&hold)
            return (fileObject, object.id ?? 0, hold.id ?? 0)
        }
        let held = try store.read { tx in try tx.legallyHeldObjects() }
        #expect(held == [fileObject: [holdId], entryObject: [holdId]])
        try store.write { tx throws in
            guard var hold = try tx.hold(id: holdId) else { return }
            hold.releasedAt = Date()
            try tx.update(hold)
        }
        #expect(try store.read { tx in try tx.legallyHeldObjects() }.isEmpty)
    }

    @Test("A retention candidate lists every dataset referring to it; a deleted object is no candidate")
    func retentionCandidates() throws {
        let (shared, deleted) = try store.write { tx -> (Int64, Int64) in
            let shared = try addObject("d", to: datasetId, tx)
            let brain = try tx.dataset(named: "brain")?.id ?? 0
            var file = DatasetFile(datasetId: brain, objectId: shared, path: "copy.dcm", format: "DICOM", ingestedAt: Date())
            try tx.insert(&file)
            let deleted = try addObject("e", to: datasetId, tx)
            guard var object = try tx.object(id: deleted) else { return (shared, deleted) }
            object.state = .deleted
            try tx.update(object)
            return (shared, deleted)
        }
        let candidates = try store.read { tx in try tx.retentionCandidates() }
        #expect(candidates.map(\.id) == [shared])
        #expect(Set(candidates.first?.references.map(\.datasetId) ?? []).count == 2)
        #expect(!candidates.contains { $0.id == deleted })
        #expect(try store.read { tx in try tx.datasetNames(referencingObject: shared) } == ["brain", "chest"])
    }
}
