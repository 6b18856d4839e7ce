import Testing

@testable import TUI
import TestSupport

@Suite struct KeyValuePaneTests {
    @Test(arguments: snapshotSizes)
    func snapshot(size: Size) {
        var state = ScrollSelection()
        let pane = KeyValuePane([
            ("PatientName", Fixtures.cjk), ("StudyDescription", Fixtures.clearScreen), ("Institution", Fixtures.rtl),
            ("Operator", Fixtures.combining), ("Comment", Fixtures.osc52), ("Label", Fixtures.emoji),
            ("SeriesDescription", Fixtures.bidiOverride), ("Notes", Fixtures.newline + " " + Fixtures.carriageReturn),
            ("Manufacturer", Fixtures.c1CSI),
        ])
        let buffer = render(size) { pane.render(in: $0.area, buffer: &$0, state: &state) }
        assertSnapshot(buffer, named: "key-value-\(size.tag)")
    }
}
