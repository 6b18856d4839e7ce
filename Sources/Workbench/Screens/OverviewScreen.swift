import Catalog
import LakeEngine
import TUI

/// The lake at a glance: the lake and the user's roles, datasets per modality and assay, zones with
/// their datasets and published versions, tier occupancy, open flags by severity, pending promotions
/// and active migrations.
///
/// j/k move over the datasets table; Enter opens the matching screen (Imaging for a modality, Genomics
/// for an assay, Datasets narrowed to a zone).
struct OverviewScreen: WorkbenchScreen {
    typealias Message = Loadable<OverviewData>

    static let screen = Screen.overview
    static let keymap = Keymap<WorkbenchAction>([])

    var data: Loadable<OverviewData> = .loading
    var query = TextInputState()
    /// The cursor over the datasets-by-kind table.
    var table = TableState()

    func load(_ context: ScreenContext) -> Command<WorkbenchMessage> {
        let api = context.api
        return Self.run { await .awaiting { try await OverviewData.load(api) } }
    }

    mutating func receive(_ message: Loadable<OverviewData>, context: ScreenContext) -> ScreenUpdate {
        data = message
        return ScreenUpdate(flash: message.failureFlash(at: context.now))
    }

    func perform(_ action: WorkbenchAction, key: Key, context: ScreenContext) -> ScreenUpdate {
        let rows = data.value.map { Self.kindRows($0, zones: context.session.zones) } ?? []
        guard action == .drillIn, let index = table.selection.selected, index < rows.count else { return ScreenUpdate() }
        let row = rows[index]
        switch row.first {
        case "imaging": return ScreenUpdate(show: (.imaging, .none))
        case "genomics": return ScreenUpdate(show: (.genomics, .none))
        default: return ScreenUpdate(show: (.datasets, .datasets(filter: row[1])))
        }
    }

    mutating func navigate(_ key: Key, context: ScreenContext) -> ScreenUpdate {
        let count = data.value.map { Self.kindRows($0, zones: context.session.zones).count } ?? 0
        table.selection.handle(key, count: count, page: context.page)
        return ScreenUpdate()
    }

    var queryCounts: (matches: Int, total: Int) { (0, 0) }

    /// The datasets table: imaging modalities, genomics assays, then every zone with the datasets that
    /// have contents or a published version in it (as `medlake datasets --zone` counts) and its versions.
    static func kindRows(_ data: OverviewData, zones: [String]) -> [[String]] {
        var rows = data.modalities.map { ["imaging", $0.modality, "\($0.seriesCount) series", "\($0.instanceCount) instances"] }
        var assays: [String: Int] = [:]
        for dataset in data.datasets where dataset.sampleCount > 0 {
            for assay in dataset.assays { assays[assay, default: 0] += dataset.sampleCount }
        }
        rows += assays.keys.sorted().map { ["genomics", $0, "\(assays[$0] ?? 0) samples", ""] }
        var perZone: [String: Int] = [:]
        for dataset in data.datasets {
            for zone in Set(dataset.zones + [dataset.zone]) { perZone[zone, default: 0] += 1 }
        }
        rows += zones.map { ["zone", $0, "\(perZone[$0] ?? 0) datasets", "\(data.versionsByZone[$0] ?? 0) versions"] }
        return rows
    }
}

// MARK: - View

extension OverviewScreen {
    func view(in area: Rect, buffer: inout Buffer, context: ScreenContext) {
        let session = context.session
        guard let data = data.value else {
            self.data.drawStatus(in: area, buffer: &buffer)
            return
        }
        let columns = area.split(.horizontal, [.percentage(50), .fill(1)], spacing: 1)
        let left = columns[0].split(.vertical, [.length(6), .fill(1)])
        let right = columns[1].split(.vertical, [.length(7), .fill(1)])

        let lakeBlock = Block(title: "Lake")
        lakeBlock.render(in: left[0], buffer: &buffer)
        var lakePane = ScrollSelection(selected: nil)
        KeyValuePane([
            ("name", session.lakeName), ("folder", session.location), ("user", session.caller.user),
            ("roles", session.caller.roles.map(\.rawValue).joined(separator: ", ")),
        ]).render(in: lakeBlock.inner(left[0]), buffer: &buffer, state: &lakePane)

        let byKind = Block(title: "Datasets by modality / assay", isFocused: true)
        byKind.render(in: left[1], buffer: &buffer)
        let rows = Self.kindRows(data, zones: session.zones)
        var table = self.table
        Table(columns: [TableColumn("KIND"), TableColumn("NAME"), TableColumn("COUNT"), TableColumn("")],
              source: TableRows(rows), isFocused: true)
            .render(in: byKind.inner(left[1]), buffer: &buffer, state: &table)

        let tiersBlock = Block(title: "Tier occupancy")
        tiersBlock.render(in: right[0], buffer: &buffer)
        let tiersArea = tiersBlock.inner(right[0])
        let totalBytes = max(1, data.tiers.reduce(0) { $0 + $1.bytes })
        for (index, tier) in data.tiers.enumerated() where index < tiersArea.height {
            let row = tiersArea.row(index)
            let name = tier.tier.padding(toLength: 8, withPad: " ", startingAt: 0)
            buffer.write(name, column: row.x, row: row.y, width: 8, role: .normal)
            Gauge(fraction: Double(tier.bytes) / Double(totalBytes),
                  label: "\(tier.objects) obj \(Formatting.bytes(tier.bytes))")
                .render(in: Rect(x: row.x + 9, y: row.y, width: max(0, row.width - 9), height: 1), buffer: &buffer)
        }

        let flagsBlock = Block(title: "Open flags · promotions · migrations")
        flagsBlock.render(in: right[1], buffer: &buffer)
        var flagPane = ScrollSelection(selected: nil)
        let inner = flagsBlock.inner(right[1])
        let pairs = FlagSeverity.allCases.reversed().map { (key: $0.rawValue, value: String(data.openFlags[$0] ?? 0)) }
            + [(key: "pending promotions", value: String(data.pendingPromotions)),
               (key: "active migrations", value: String(data.activeJobs.count))]
        KeyValuePane(pairs).render(in: inner, buffer: &buffer, state: &flagPane)
        for (index, job) in data.activeJobs.prefix(max(0, inner.height - pairs.count)).enumerated() {
            Gauge(fraction: job.fraction, label: "#\(job.id) \(job.state) → \(job.toTier)")
                .render(in: inner.row(pairs.count + index), buffer: &buffer)
        }
    }
}
