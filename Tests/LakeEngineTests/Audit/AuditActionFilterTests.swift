import Catalog
import Foundation
import Testing

@testable import LakeEngine

/// `AuditFilter.action`: a word selects its family, a dotted name itself, a name ending in `.` the
/// family below it; `_` and `%` are no wildcards.
@Suite struct AuditActionFilterTests {
    @Test func aWordSelectsItsFamilyAndADottedNameItself() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        let request = try alice.requestPromotion("ct@2", to: "curated", select: nil, reason: "")
        _ = try fixture.open("bob").approvePromotion(id: request.id, comment: "ok")
        let actions = { (action: String) in try alice.auditEvents(AuditFilter(action: action)).map(\.action) }

        let family = ["promotion.request", "promotion.approve", "promotion.approved", "promotion.execute.start", "promotion.execute"]
        #expect(try actions("promotion") == family)
        #expect(try actions("promotion.") == family)
        #expect(try actions("promotion.execute") == ["promotion.execute"])
        #expect(try actions("promotion.execute.") == ["promotion.execute.start"])
        #expect(try actions("ingest") == ["ingest"])
        #expect(try actions("promo").isEmpty)
        #expect(try actions("promotion_").isEmpty)
        #expect(try actions("%").isEmpty)
    }
}
