import Foundation
import Testing

@testable import Catalog

/// Study and instance requests (lookups by UID, legacy pseudonyms by pattern, ingest's inserts) on each engine.
@Suite struct ImagingRequestsTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    @Test("Studies and instances are found by UID within their dataset only", arguments: CatalogEngine.available)
    func lookupsByUID(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            try store.write { tx throws in
                var ids: [Int64] = []
                for name in ["ct", "mr"] {
                    var dataset = Dataset(name: name, zone: "raw", owner: "ana", createdAt: Self.now)
                    try tx.insert(&dataset)
                    ids.append(try #require(dataset.id))
                }
                var study = Study(datasetId: ids[0], studyInstanceUID: "1.2")
                try tx.insert(&study)
                let studyId = try #require(study.id)
                #expect(try tx.studyId(datasetId: ids[0], uid: "1.2") == studyId)
                #expect(try tx.studyId(datasetId: ids[1], uid: "1.2") == nil)
                // A UID is matched exactly, never as a pattern.
                #expect(try tx.studyId(datasetId: ids[0], uid: "1.%") == nil)
                #expect(try tx.studyId(datasetId: ids[0], uid: "1_2") == nil)

                var series = Series(
                    datasetId: ids[0], studyId: studyId, seriesInstanceUID: "1.2.3", modality: "CT", instanceCount: 0)
                try tx.insert(&series)
                let seriesId = try #require(series.id)
                var objects: [Int64] = []
                for (index, number) in [2, 1, 3].enumerated() {
                    let objectId = try tx.storedObjectId(
                        sha256: String(repeating: Character(String(index)), count: 64), size: 1, tier: "hot",
                        at: Self.now)
                    objects.append(objectId)
                    try tx.insertInstance(
                        Instance(
                            seriesId: seriesId, objectId: objectId, sopInstanceUID: "1.2.3.\(number)",
                            sopClassUID: "1.2.840.10008.5.1.4.1.1.2", instanceNumber: number, rows: 512, columns: 256,
                            imagePosition: "0\\0\\\(number)", pixelSpacing: "0.5\\0.5"))
                }
                let instances = try tx.instances(datasetId: ids[0], seriesUID: "1.2.3")
                #expect(instances.map(\.sopInstanceUID) == ["1.2.3.1", "1.2.3.2", "1.2.3.3"])
                #expect(instances.first?.rows == 512 && instances.first?.columns == 256)
                #expect(instances.first?.imagePosition == "0\\0\\1" && instances.first?.frames == nil)
                #expect(try tx.instances(datasetId: ids[1], seriesUID: "1.2.3").isEmpty)
                #expect(try tx.instanceObjectId(datasetId: ids[0], sopInstanceUID: "1.2.3.2") == objects[0])
                #expect(try tx.instanceObjectId(datasetId: ids[1], sopInstanceUID: "1.2.3.2") == nil)
                #expect(try tx.sopInstanceUIDs(datasetId: ids[0]) == ["1.2.3.1", "1.2.3.2", "1.2.3.3"])
                #expect(try tx.sopInstanceUIDs(datasetId: ids[1]).isEmpty)
            }
        }
    }

    @Test(
        "Legacy pseudonyms match P- and 12 lowercase hex digits exactly; pattern characters in values do not",
        arguments: CatalogEngine.available)
    func legacyPseudonyms(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            try store.write { tx throws in
                var dataset = Dataset(name: "ct", zone: "raw", owner: "ana", createdAt: Self.now)
                try tx.insert(&dataset)
                let datasetId = try #require(dataset.id)
                let pseudonyms: [String?] = [
                    "P-0123456789ab", "P-0123456789AB", "P-0123456789abcdef", "P-0123456789a", nil,
                    "P-%%%%%%%%%%%%", "P-____________", "P-************", "P-????????????", "P-[0-9a-f][0-9",
                    "P-0123456789a%", "P-0123456789a_", "P-0123456789a*", "P-0123456789a?", "P-0123456789a[",
                    "p-0123456789ab", "P-0123456789ab\n", "xP-0123456789ab", "P-ffffffffffff",
                ]
                var ids: [Int64] = []
                for (index, pseudonym) in pseudonyms.enumerated() {
                    var study = Study(datasetId: datasetId, studyInstanceUID: "1.\(index)", patientPseudonym: pseudonym)
                    try tx.insert(&study)
                    ids.append(try #require(study.id))
                }
                let legacy = try tx.legacyPatientPseudonyms()
                #expect(legacy.map(\.id) == [ids[0], ids[18]])
                #expect(legacy.map(\.pseudonym) == ["P-0123456789ab", "P-ffffffffffff"])

                try tx.setPatientPseudonym("P-0123456789abcdef", studyId: ids[0])
                #expect(try tx.legacyPatientPseudonyms().map(\.id) == [ids[18]])
            }
        }
    }

    @Test(
        "A GLOB pattern selects the same values on both engines, whatever pattern characters they hold",
        arguments: CatalogEngine.available)
    func globPatterns(engine: CatalogEngine) throws {
        let values = [
            "a%b", "axb", "a_b", "a*b", "a?b", "a[b", "a]b", "a\\b", "a.b", "a^b", "a$b", "a(b", "a+b", "a{b",
            "A_B", "ab", "a-b", "",
        ]
        // Each pattern and the values it selects, as SQLite's GLOB defines them.
        let cases: [(pattern: String, expected: [String])] = [
            ("a%b", ["a%b"]),
            ("a_b", ["a_b"]),
            ("a[*]b", ["a*b"]),
            ("a[?]b", ["a?b"]),
            ("a[[]b", ["a[b"]),
            ("a[]]b", ["a]b"]),
            ("a\\b", ["a\\b"]),
            ("a.b", ["a.b"]),
            ("a[.]b", ["a.b"]),
            ("a[\\]b", ["a\\b"]),
            ("a[%_]b", ["a%b", "a_b"]),
            ("a[^%_*?.]b", ["axb", "a[b", "a]b", "a\\b", "a^b", "a$b", "a(b", "a+b", "a{b", "a-b"]),
            ("a[x-z]b", ["axb"]),
            ("a?b", values.filter { $0.count == 3 && $0.hasPrefix("a") && $0.hasSuffix("b") }),
            ("a*", values.filter { $0.hasPrefix("a") }),
            ("*", values),
            ("a[b", []),
            ("a$b", ["a$b"]),
            ("a^b", ["a^b"]),
            ("a(b", ["a(b"]),
            ("a+b", ["a+b"]),
            ("a{b", ["a{b"]),
        ]
        try engine.withCatalog { store throws in
            try store.write { tx throws in
                var dataset = Dataset(name: "patterns", zone: "raw", owner: "ana", createdAt: Self.now)
                try tx.insert(&dataset)
                let datasetId = try #require(dataset.id)
                for (index, value) in values.enumerated() {
                    var study = Study(datasetId: datasetId, studyInstanceUID: "1.\(index)", description: value)
                    try tx.insert(&study)
                }
                for (pattern, expected) in cases {
                    let glob = tx.connection.dialect.glob("description", pattern)
                    let found = try tx.connection.fetchValues(
                        String.self, "SELECT description FROM study WHERE \(glob.sql) ORDER BY id", [glob.argument])
                    #expect(found == expected, "pattern \(pattern)")
                }
            }
        }
    }
}
