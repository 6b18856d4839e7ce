import Catalog
import Foundation
import Testing
import TUI
@testable import Workbench

/// The table keys on every list: `o`/`O` sort the loaded rows, `i` views a
/// row in full, `e` exports the view; the hint bar keeps `? help` and `q quit` at any width.
@MainActor
@Suite(.serialized)
struct WorkbenchTablesTests {
    @Test("o/O sort the instances; the header shows the column and direction")
    func sortInstances() async throws {
        let harness = try Harness(lake: try SampleFixture.make("tables-sort"), screen: .imaging)
        try await harness.start()
        await harness.press(.enter, .enter)
        let instances = { harness.model.screens.imaging.instances.rows.value?.map { $0.cells[0] } ?? [] }
        let loaded = instances()
        #expect(loaded.count >= 3)
        await harness.press(.character("O"))
        #expect(harness.model.screens.imaging.instances.table.sort == TableSort(column: 0, ascending: false))
        #expect(instances() == loaded.sorted { Int($0) ?? 0 > Int($1) ?? 0 }, "descending order")
        #expect(harness.text.contains("#▼"))
        await harness.press(.character("O"))
        #expect(instances() == loaded, "ascending again")
        #expect(harness.text.contains("#▲"))
        for _ in 0..<4 { await harness.press(.character("o")) }
        #expect(harness.model.screens.imaging.instances.table.sort == nil, "after the last column: unsorted")
        #expect(!harness.text.contains("▲") && !harness.text.contains("▼"))
    }

    @Test("o sorts an in-memory list by the next column, keeping the selected row selected")
    func sortFlagsInMemory() async throws {
        let harness = try Harness(lake: try SampleFixture.make("tables-flags"), screen: .flags)
        try await harness.start()
        await harness.press(.escape)
        let list = { harness.model.screens.flags.list }
        await harness.press(.character("j"))
        let selected = list().selected(filter: "")?.id
        for _ in 0..<4 { await harness.press(.character("o")) }
        #expect(list().table.sort == TableSort(column: 3), "the CODE column")
        let codes = list().visible(filter: "").map { $0.cells[3] }
        #expect(codes == codes.sorted { NaturalOrder.precedes(NaturalOrder.key($0), NaturalOrder.key($1)) })
        #expect(harness.text.contains("CODE▲"))
        #expect(list().selected(filter: "")?.id == selected, "the cursor stays on the same flag")
    }

    @Test("i shows the selected row's values in full, sanitized; Esc closes it")
    func rowViewer() async throws {
        let harness = try Harness(lake: try SampleFixture.make("tables-viewer"), width: 60, height: 20, screen: .imaging)
        try await harness.start()
        await harness.press(.enter)
        let uid = try #require(harness.model.screens.imaging.series.selected(filter: "")?.id)
        await harness.press(.character("i"))
        guard case .viewer(let viewer, _) = harness.model.overlay else {
            Issue.record("no viewer")
            return
        }
        #expect(viewer.fields.contains { $0.label == "SERIES UID" && $0.value == uid })
        let joined = harness.text.split(separator: "\n").map { String($0).replacingOccurrences(of: "│", with: "") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.joined()
        #expect(joined.contains(uid), "the whole UID is on screen, wrapped")
        await harness.press(.escape)
        guard case .none = harness.model.overlay else {
            Issue.record("the viewer stayed open")
            return
        }
    }

    @Test("e writes the filtered, sorted view as CSV or JSON; an existing name or a planted symlink is refused")
    func export() async throws {
        let folder = NSTemporaryDirectory() + "wb-export-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let harness = try Harness(lake: try SampleFixture.make("tables-export"), screen: .flags)
        try await harness.start()
        let shown = harness.model.screens.flags.list.visible(filter: harness.model.screens.flags.filter).count
        #expect(shown > 0)

        try await exportView(harness, to: folder + "/flags.csv")
        let csv = try String(contentsOfFile: folder + "/flags.csv", encoding: .utf8)
        #expect(csv.hasPrefix("ID,SEVERITY,STATE,CODE,KIND,TARGET,NOTE\r\n"))
        #expect(csv.components(separatedBy: "\r\n").count == shown + 2, "header, the rows shown, final CRLF")
        #expect(harness.text.contains("Exported \(shown) rows"))

        try await exportView(harness, to: folder + "/flags.json")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/flags.json")))
        #expect((json as? [[String: String]])?.count == shown)

        // An attacker plants a symlink at the name the user will type, pointing at a file of the user's.
        let victim = folder + "/victim"
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: victim))
        try FileManager.default.createSymbolicLink(atPath: folder + "/planted.csv", withDestinationPath: victim)
        try await exportView(harness, to: folder + "/planted.csv")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep me", "never written through")
        #expect(harness.text.contains("Cannot export to"), "the refusal is on the flash line")
        let left = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(".medlake-export") }
        #expect(left.isEmpty, "no temporary file is left behind")

        try await exportView(harness, to: folder + "/flags.csv")
        #expect(try String(contentsOfFile: folder + "/flags.csv", encoding: .utf8) == csv, "never overwritten")
    }

    @Test("At 60 columns the hint bar still offers ? help and q quit")
    func hintBarKeepsHelpAndQuit() async throws {
        let harness = try Harness(lake: try SampleFixture.make("tables-hints"), width: 60, height: 20, screen: .flags)
        try await harness.start()
        let bar = harness.screen.line(18)
        #expect(bar.contains("? help") && bar.contains("q quit"), "\(bar)")
    }

    @Test("A click selects the row under it; the wheel moves three rows; nothing while an overlay is open")
    func mouse() async throws {
        let harness = try Harness(lake: try SampleFixture.make("tables-mouse"), screen: .flags)
        try await harness.start()
        await harness.press(.escape)
        let count = harness.model.screens.flags.list.visible(filter: "").count
        #expect(count >= 4)
        let selected = { harness.model.screens.flags.list.table.selection.selected }
        var frame = Buffer(width: 100, height: 30)
        harness.runtime.program.view(harness.model, into: &frame)
        let rowOfThird = try #require((0..<30).first { frame.tableRow(at: 10, row: $0) == 2 })
        let third = harness.model.screens.flags.list.visible(filter: "")[2].cells[0]
        #expect(frame.line(rowOfThird).contains(third), "the frame maps that row to the row drawn there")
        harness.runtime.dispatch(.mouse(MouseEvent(.click, column: 10, row: rowOfThird)))
        await harness.settle()
        #expect(selected() == 2)
        harness.runtime.dispatch(.mouse(MouseEvent(.wheelUp, column: 10, row: rowOfThird)))
        await harness.settle()
        #expect(selected() == 0)
        harness.runtime.dispatch(.mouse(MouseEvent(.wheelDown, column: 10, row: rowOfThird)))
        await harness.settle()
        #expect(selected() == min(3, count - 1))
        harness.runtime.dispatch(.mouse(MouseEvent(.click, column: 10, row: 0)))
        await harness.settle()
        #expect(selected() == min(3, count - 1), "a click outside the rows changes nothing")
        await harness.press(.character("?"))
        harness.runtime.dispatch(.mouse(MouseEvent(.click, column: 10, row: rowOfThird)))
        await harness.settle()
        #expect(selected() == min(3, count - 1), "the help overlay takes the click")
    }

    private func exportView(_ harness: Harness, to path: String) async throws {
        await harness.press(.character("e"), .control("u"))
        await harness.type(path)
        await harness.press(.enter)
    }
}
