import Testing

@testable import LakeEngine

@Suite struct SeriesCheckTests {
    let check = SeriesCheck(spacingTolerance: 0.01, orientationTolerance: 0.001)
    let axial = "1\\0\\0\\0\\1\\0"

    private func slices(_ zs: [Double], numbers: [Int]? = nil, orientation: String? = nil) -> [SeriesCheck.Slice] {
        zs.enumerated().map { index, z in
            SeriesCheck.Slice(
                instanceNumber: numbers?[index] ?? index + 1, imagePosition: "-100\\-100\\\(z)",
                imageOrientation: orientation ?? axial)
        }
    }

    @Test func regularSeriesRaisesNothing() {
        #expect(check.findings(slices([0, 2.5, 5, 7.5, 10])).isEmpty)
    }

    @Test func instanceGapListsMissingNumbers() {
        let finding = check.instanceGap(slices([0, 1, 2, 3], numbers: [1, 2, 5, 6]))
        #expect(finding?.rule == .instanceGap)
        #expect(finding?.note.contains("missing 3, 4") == true)
        #expect(check.instanceGap(slices([0, 1], numbers: [3, 4])) == nil)
    }

    @Test func duplicatePositionIsFound() {
        #expect(check.duplicatePosition(slices([0, 1, 1, 2]))?.rule == .duplicatePosition)
        #expect(check.duplicatePosition(slices([0, 1, 2])) == nil)
    }

    @Test func unevenSpacingIsFound() {
        let finding = check.inconsistentSpacing(slices([0, 2.5, 5, 10, 12.5]))
        #expect(finding?.rule == .inconsistentSpacing)
        #expect(finding?.note.contains("2.5 to 5.0") == true)
        // Order of arrival does not matter: positions are sorted along the slice normal.
        #expect(check.inconsistentSpacing(slices([5, 0, 10, 2.5, 7.5])) == nil)
    }

    @Test func spacingFollowsTheSliceNormalForSagittalSeries() {
        let sagittal = "0\\1\\0\\0\\0\\-1"
        let series = [0.0, 3, 6, 9].enumerated().map { index, x in
            SeriesCheck.Slice(instanceNumber: index + 1, imagePosition: "\(x)\\-50\\50", imageOrientation: sagittal)
        }
        #expect(check.inconsistentSpacing(series) == nil)
    }

    @Test func mixedOrientationIsFound() {
        var series = slices([0, 1, 2])
        series[1].imageOrientation = "1\\0\\0\\0\\0.9\\0.1"
        #expect(check.inconsistentOrientation(series)?.rule == .inconsistentOrientation)
    }

    @Test func unparsableValuesAreLeftOut() {
        let series = [
            SeriesCheck.Slice(instanceNumber: 1, imagePosition: "a\\b\\c", imageOrientation: "junk"),
            SeriesCheck.Slice(instanceNumber: 2, imagePosition: nil, imageOrientation: nil),
        ]
        #expect(check.findings(series).isEmpty)
    }
}
