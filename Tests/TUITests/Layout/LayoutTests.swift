import Testing

@testable import TUI

@Suite struct LayoutTests {
    private let area = Rect(x: 2, y: 1, width: 100, height: 30)

    private func widths(_ constraints: [Constraint], total: Int = 100, spacing: Int = 0) -> [Int] {
        Layout(.horizontal, constraints, spacing: spacing).split(Rect(width: total, height: 1)).map(\.width)
    }

    @Test func fixedAndFillShareTheRest() {
        #expect(widths([.length(20), .fill(1), .length(10)]) == [20, 70, 10])
    }

    @Test func fillSplitsByWeight() {
        #expect(widths([.fill(1), .fill(3)]) == [25, 75])
        #expect(widths([.fill(1), .fill(1), .fill(1)]).reduce(0, +) == 100)
    }

    @Test func percentageAndRatio() {
        #expect(widths([.percentage(30), .ratio(1, 4), .fill(1)]) == [30, 25, 45])
    }

    @Test func minGrowsWhenNothingFills() {
        #expect(widths([.length(10), .min(20)]) == [10, 90])
        #expect(widths([.min(20), .fill(1)]) == [20, 80])
    }

    @Test func maxCapsAndGivesWayFirst() {
        #expect(widths([.max(30), .fill(1)]) == [30, 70])
        #expect(widths([.max(30), .length(90)]) == [10, 90])
    }

    @Test func overflowCutsFromTheEndAndMinsLast() {
        #expect(widths([.length(60), .length(60)]) == [60, 40])
        #expect(widths([.min(50), .length(70)]) == [50, 50])
    }

    @Test func spacingSitsBetweenParts() {
        let parts = Layout(.horizontal, [.length(10), .fill(1)], spacing: 2).split(area)
        #expect(parts[0] == Rect(x: 2, y: 1, width: 10, height: 30))
        #expect(parts[1] == Rect(x: 14, y: 1, width: 88, height: 30))
    }

    @Test func verticalSplitsRows() {
        let rows = area.split(.vertical, [.length(1), .fill(1), .length(1)])
        #expect(rows.map(\.height) == [1, 28, 1])
        #expect(rows.map(\.y) == [1, 2, 30])
        #expect(rows.allSatisfy { $0.x == 2 && $0.width == 100 })
    }

    @Test(arguments: [0, 1, 3, 7, 50])
    func partsNeverLeaveTheArea(total: Int) {
        let rect = Rect(width: total, height: 1)
        let parts = Layout(.horizontal, [.length(5), .min(3), .percentage(50), .fill(2), .max(4)], spacing: 1)
            .split(rect)
        #expect(parts.allSatisfy { $0.x >= 0 && $0.right <= total })
        #expect(parts.map(\.width).reduce(0, +) <= total)
    }

    @Test func rectHelpersClamp() {
        #expect(Rect(width: 3, height: 3).inset(by: 2).isEmpty)
        #expect(
            Rect(width: 10, height: 10).intersection(Rect(x: 8, y: 8, width: 5, height: 5))
                == Rect(x: 8, y: 8, width: 2, height: 2)
        )
        #expect(Rect(width: 20, height: 10).centered(width: 6, height: 4) == Rect(x: 7, y: 3, width: 6, height: 4))
    }
}
