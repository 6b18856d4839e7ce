import LakeEngine
import TUI

/// Tier migrations as another process (`medlake worker`) moves them: a pane per running job with
/// progress, rate sparkline, ETA, worker and bytes; the queue and failures; tier occupancy; the
/// lifecycle plan with apply; pause, resume and cancel; `w` starts a worker when none is running.
struct MigrationsState: Sendable {
    var list = ListPane([TableColumn("ID", alignment: .right), TableColumn("STATE"), TableColumn("REASON"),
                         TableColumn("TARGET", width: .auto(max: 24), truncation: .middle), TableColumn("TO"),
                         TableColumn("DONE", alignment: .right), TableColumn("BYTES", alignment: .right),
                         TableColumn("WORKER"), TableColumn("ERROR", width: .fill())])
    var jobs: [MigrationProgress] = []
    var tiers: [TierOccupancy] = []
    var plan: Loadable<LifecyclePlan>?
    /// What retention policies let go, previewed with the lifecycle plan (deleting needs approval: CLI).
    var retention: Loadable<RetentionPlan>?
    /// Recent rates per job (bytes/s), for the sparklines.
    var rates: [Int64: [Double]] = [:]
    /// The worker `w` started, while this workbench runs.
    var worker: WorkerProcess?

    mutating func receive(_ data: Loadable<MigrationsData>, filter: String) {
        switch data {
        case .loaded(let loaded):
            jobs = loaded.jobs
            tiers = loaded.tiers
            for job in loaded.jobs where job.state == "running" {
                rates[job.id, default: []].append(job.bytesPerSecond)
                if let count = rates[job.id]?.count, count > 60 { rates[job.id]?.removeFirst(count - 60) }
            }
            list.setRows(loaded.jobs.map { job in
                ListRow(id: String(job.id), cells: [
                    String(job.id), job.state + (job.pendingControl.map { " (\($0))" } ?? ""), job.reason, job.target,
                    job.toTier, "\(job.objectsDone)/\(job.objectsTotal)",
                    Formatting.bytes(job.bytesDone) + "/" + Formatting.bytes(job.bytesTotal), job.worker ?? "",
                    job.error ?? "",
                ])
            }, filter: filter)
        case .loading: list.rows = .loading
        case .failed(let text): list.rows = .failed(text)
        }
    }

    func selected(filter: String) -> MigrationProgress? {
        list.selected(filter: filter).flatMap { row in jobs.first { String($0.id) == row.id } }
    }

    static func load(_ lake: Lake) -> Command<WorkbenchMessage> {
        .run {
            .migrations(Loadable { MigrationsData(jobs: try lake.migrationJobs(), tiers: try lake.tierOccupancy()) })
        }
    }

    mutating func handle(
        _ action: WorkbenchAction, filter: String, model: inout WorkbenchModel, lake: Lake, launcher: WorkerLauncher?
    ) -> Command<WorkbenchMessage> {
        let job = selected(filter: filter)
        switch action {
        case .planPreview:
            plan = .loading
            retention = .loading
            return .batch([
                .run { .lifecyclePlan(Loadable { try lake.lifecyclePlan() }) },
                .run { .retentionPlan(Loadable { try lake.retentionPlan() }) },
            ])
        case .applyPlan:
            guard let moves = plan?.value?.moves, !moves.isEmpty else {
                model.flash = FlashMessage("Preview the lifecycle plan first (p).", level: .warning, at: model.now,
                                           for: .seconds(5))
                return .none
            }
            let objects = moves.reduce(0) { $0 + $1.objects }
            let bytes = moves.reduce(Int64(0)) { $0 + $1.bytes }
            model.overlay = .dialog(NoteDialog(
                kind: .applyPlan, title: "Apply lifecycle plan",
                lines: moves.prefix(6).map { "\($0.rule): \($0.objects) objects \($0.fromTier) → \($0.toTier)" }
                    + ["total \(objects) objects, \(Formatting.bytes(bytes))"],
                openedAt: model.now))
        case .pauseJob, .resumeJob:
            guard let id = job?.id else { return .none }
            let pause = action == .pauseJob
            return .run {
                do {
                    _ = pause ? try lake.pauseMigration(id: id) : try lake.resumeMigration(id: id)
                    return .done((pause ? "Pausing" : "Resuming") + " migration \(id).")
                } catch {
                    return .failed(String(describing: error))
                }
            }
        case .startWorker:
            return startWorker(lake: lake, launcher: launcher)
        case .cancelJob:
            guard let job else { return .none }
            model.overlay = .dialog(NoteDialog(
                kind: .cancelJob(id: job.id), title: "Cancel migration \(job.id)",
                lines: ["\(job.target) → \(job.toTier)", "\(job.objectsDone)/\(job.objectsTotal) objects moved so far"],
                openedAt: model.now))
        default: break
        }
        return .none
    }
}

extension MigrationsState {
    /// Starts `medlake worker` unless one is running: the one this workbench started, or any worker whose
    /// lease the catalog shows alive (another process, another user).
    func startWorker(lake: Lake, launcher: WorkerLauncher?) -> Command<WorkbenchMessage> {
        if let worker, worker.state == .running {
            return .run { .workerRefused("A worker is already running (\(worker.summary)).") }
        }
        guard let launcher else { return .run { .workerRefused("No medlake executable to start a worker with.") } }
        return .run {
            do {
                try lake.authorize(.migrate)
                let live = try lake.liveWorkers()
                guard live.isEmpty else {
                    return .workerRefused("A worker is already running: " + live.joined(separator: ", ") + ".")
                }
                return .worker(WorkerProcess(pid: try launcher.launch(lake: lake.root), state: .running))
            } catch {
                return .failed(String(describing: error))
            }
        }
    }
}

/// What the migrations screen loads in one go.
public struct MigrationsData: Sendable {
    var jobs: [MigrationProgress]
    var tiers: [TierOccupancy]
}

extension Workbench {
    func viewMigrations(_ model: WorkbenchModel, in area: Rect, buffer: inout Buffer) {
        let state = model.migrations
        let columns = area.split(.horizontal, [.fill(2), .fill(1)], spacing: 1)
        let left = columns[0].split(.vertical, [.fill(1), .length(7)])
        let block = Block(title: "Jobs (queue, running, failed) · worker: " + (state.worker?.summary ?? "w to start"),
                          isFocused: true)
        block.render(in: left[0], buffer: &buffer)
        var table = state.list.table
        state.list.render(in: block.inner(left[0]), buffer: &buffer, filter: model.filter, focused: true,
                          empty: "no migration jobs (p: preview the lifecycle plan)", state: &table)

        let running = state.jobs.first { $0.state == "running" }
        let jobBlock = Block(title: running == nil ? "Selected job" : "Running job")
        jobBlock.render(in: left[1], buffer: &buffer)
        let inner = jobBlock.inner(left[1])
        if let job = running ?? state.selected(filter: model.filter), inner.height >= 3 {
            let eta = job.etaSeconds.map { "ETA \(Int($0))s" } ?? "ETA –"
            buffer.write("job \(job.id) \(job.state)  worker \(job.worker ?? "none")  \(Formatting.bytes(Int64(job.bytesPerSecond)))/s  \(eta)",
                         column: inner.x, row: inner.y, width: inner.width, role: .normal)
            Gauge(fraction: job.fraction, label: String(format: "%.1f%%", job.fraction * 100)
                  + "  " + Formatting.bytes(job.bytesDone) + " of " + Formatting.bytes(job.bytesTotal))
                .render(in: inner.row(1), buffer: &buffer)
            Sparkline(values: state.rates[job.id] ?? []).render(
                in: Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 2), buffer: &buffer)
        }

        let right = columns[1].split(.vertical, [.length(state.tiers.count + 2), .fill(1)])
        let tiersBlock = Block(title: "Tier occupancy")
        tiersBlock.render(in: right[0], buffer: &buffer)
        let tiersArea = tiersBlock.inner(right[0])
        let total = max(1, state.tiers.reduce(0) { $0 + $1.bytes })
        for (index, tier) in state.tiers.enumerated() where index < tiersArea.height {
            let row = tiersArea.row(index)
            buffer.write(tier.tier, column: row.x, row: row.y, width: 8, role: .normal)
            Gauge(fraction: Double(tier.bytes) / Double(total), label: "\(tier.objects) obj")
                .render(in: Rect(x: row.x + 8, y: row.y, width: max(0, row.width - 8), height: 1), buffer: &buffer)
        }
        let planBlock = Block(title: "Lifecycle + retention (p, A)")
        planBlock.render(in: right[1], buffer: &buffer)
        guard let plan = state.plan else { return }
        guard let value = plan.value else {
            drawState(plan, in: planBlock.inner(right[1]), buffer: &buffer)
            return
        }
        var lines = value.moves.isEmpty ? ["nothing to move"] : value.moves.map {
            "\($0.rule): \($0.objects) obj \(Formatting.bytes($0.bytes)) \($0.fromTier)→\($0.toTier)"
        }
        if value.legallyHeld > 0 { lines.append("\(value.legallyHeld) obj kept out of restore tiers by legal holds") }
        lines += Self.retentionLines(state.retention)
        var list = ListState(selection: ScrollSelection(selected: nil))
        ListView(items: lines, isFocused: false).render(in: planBlock.inner(right[1]), buffer: &buffer, state: &list)
    }

    /// The retention plan under the lifecycle moves: what may be deleted, per rule and dataset, and what
    /// holds keep. Deleting goes through `medlake retention apply` and its approvals.
    static func retentionLines(_ plan: Loadable<RetentionPlan>?) -> [String] {
        switch plan {
        case nil, .loading?: return []
        case .failed(let text)?: return ["retention: \(text)"]
        case .loaded(let value)?:
            var lines = value.deletions.isEmpty ? ["retention: nothing to delete"] : value.deletions.map {
                "retention \($0.rule): delete \($0.objects) obj \(Formatting.bytes($0.bytes)) of \($0.dataset)"
            }
            if value.held > 0 { lines.append("retention: \(value.held) obj kept by legal holds") }
            if !value.deletions.isEmpty { lines.append("delete with `medlake retention apply` (needs approval)") }
            return lines
        }
    }
}
