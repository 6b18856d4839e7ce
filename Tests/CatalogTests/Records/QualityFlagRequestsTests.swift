import Foundation
import Testing

@testable import Catalog

/// Quality-flag requests on each engine.
@Suite struct QualityFlagRequestsTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    @Test("A rule raises a flag once per dataset, target and code; a person's flags are not limited",
        arguments: CatalogEngine.available)
    func ruleFlagsOnce(engine: CatalogEngine) throws {
        try engine.withCatalog { store throws in
            try store.write { tx throws in
                var dataset = Dataset(name: "chest", zone: "raw", owner: "ana", createdAt: Self.now)
                try tx.insert(&dataset)
                let id = try #require(dataset.id)
                func raise(_ target: String, _ code: String) throws -> Bool {
                    try tx.raiseRuleFlag(
                        datasetId: id, targetKind: .instance, target: target, code: code, severity: .warning,
                        note: "n", at: Self.now)
                }
                #expect(try raise("1.2.3", "phi"))
                #expect(try !raise("1.2.3", "phi"))
                #expect(try raise("1.2.3", "gap"))
                #expect(try raise("1.2.4", "phi"))
                for _ in 0..<2 {
                    var manual = QualityFlag(
                        datasetId: id, targetKind: .instance, target: "1.2.3", code: "phi", severity: .blocking,
                        state: .open, source: .person, author: "ana", note: "seen", createdAt: Self.now, updatedAt: Self.now)
                    try tx.insert(&manual)
                }
                #expect(try tx.flags(datasetId: id).count == 5)
                #expect(try tx.flags(datasetId: id, limit: 2).map(\.code) == ["phi", "gap"])
                #expect(try tx.flags(targets: ["1.2.4", "9.9"]).map(\.target) == ["1.2.4"])
                #expect(try tx.flags(severity: .blocking).count == 2)
                #expect(try tx.flags(state: .open, code: "phi", target: "1.2.3", datasetId: id).count == 3)

                var flag = try #require(try tx.flags(code: "gap").first)
                let flagId = try #require(flag.id)
                flag.state = .waived
                flag.resolution = "known"
                flag.resolvedBy = "bo"
                try tx.update(flag)
                let waived = try #require(try tx.flag(id: flagId))
                #expect(waived.state == .waived && waived.resolvedBy == "bo" && waived.source == .rule)
                #expect(try tx.flags(state: .open).count == 4)
                #expect(try tx.datasetName(ofFlag: flagId) == "chest")
                #expect(try tx.delete(waived))
                #expect(try tx.flag(id: flagId) == nil)
            }
        }
    }
}
