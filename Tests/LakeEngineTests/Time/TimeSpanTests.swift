import Foundation
import LakeEngine
import Testing

/// The one parser for spans (`90m`) and points in the past (`2h`, `2026-11-25`) shared by the CLI and the
/// workbench.
@Suite struct TimeSpanTests {
    @Test("Spans are a whole number and s, m, h or d")
    func spans() {
        #expect(TimeSpan.seconds("90s") == 90)
        #expect(TimeSpan.seconds("90m") == 5400)
        #expect(TimeSpan.seconds("1h") == 3600)
        #expect(TimeSpan.seconds("2d") == 172_800)
        #expect(TimeSpan.seconds("0m") == 0)
        for refused in ["", "h", "8", "8x", "-1h", "+1h", "1.5h", " 1h", "1 h", "99999999999999999d"] {
            #expect(TimeSpan.seconds(refused) == nil, "\(refused)")
        }
    }

    @Test("A point in the past is a span back from now, a UTC date or time, or ISO 8601 with a zone")
    func starts() throws {
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        #expect(TimeSpan.start(of: "15m", now: now) == now.addingTimeInterval(-900))
        #expect(TimeSpan.start(of: "2d", now: now) == now.addingTimeInterval(-172_800))
        let day = try #require(TimeSpan.start(of: "2026-11-25", now: now))
        #expect(day.timeIntervalSince1970 == 1_795_564_800)
        #expect(TimeSpan.start(of: "2026-11-25T04:00", now: now) == day.addingTimeInterval(14_400))
        #expect(TimeSpan.start(of: "2026-11-25T04:00:30", now: now) == day.addingTimeInterval(14_430))
        #expect(TimeSpan.start(of: "2026-11-25T10:00:00Z", now: now) == day.addingTimeInterval(36_000))
        #expect(TimeSpan.start(of: "2026-11-25T11:00:00+01:00", now: now) == day.addingTimeInterval(36_000))
        #expect(TimeSpan.start(of: "soon", now: now) == nil)
        #expect(TimeSpan.start(of: "99999999999999999d", now: now) == nil)
    }
}
