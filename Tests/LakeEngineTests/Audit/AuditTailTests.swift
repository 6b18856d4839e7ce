import Catalog
import Foundation
import Testing

@testable import LakeEngine

/// `auditTail` gives the newest events, newest first, without reading the whole log.
@Suite struct AuditTailTests {
    let lake: TemporaryLake

    init() throws {
        lake = try TemporaryLake()
        for index in 0..<4 {
            let input = try lake.inputFolder()
            try write("scan \(index)", to: input + "/s.bin")
            _ = try lake.owner.ingest([input], dataset: "d\(index)", options: IngestOptions(keepUnknown: true))
        }
    }

    @Test func newestEventsComeFirst() throws {
        let all = try lake.owner.auditEvents(AuditFilter())
        #expect(all.count >= 8)
        let tail = try lake.owner.auditTail(AuditFilter(), count: 3)
        #expect(tail.map(\.seq) == all.suffix(3).reversed().map(\.seq))
    }

    @Test func filterAppliesBeforeTheCount() throws {
        let tail = try lake.owner.auditTail(AuditFilter(action: "dataset.create", limit: 1), count: 2)
        #expect(tail.map(\.target) == ["d3", "d2"])
        #expect(tail.allSatisfy { $0.action == "dataset.create" })
    }

    @Test func countBeyondTheLogGivesItAllAndZeroGivesNothing() throws {
        let all = try lake.owner.auditEvents(AuditFilter())
        #expect(try lake.owner.auditTail(AuditFilter(), count: all.count + 10).count == all.count)
        #expect(try lake.owner.auditTail(AuditFilter(), count: 0).isEmpty)
        #expect(try lake.owner.auditTail(AuditFilter(), count: -1).isEmpty)
    }
}
