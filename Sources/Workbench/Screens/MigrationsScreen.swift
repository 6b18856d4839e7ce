import LakeEngine
import TUI

/// Tier migrations as another process (`medlake worker`) moves them: the jobs list, and a pane for the
/// job in focus (the one under the cursor, else the running one) with progress, rate sparkline, ETA and
/// the process holding its lease; tier occupancy; the lifecycle plan with apply; `m`/`r` queue a
/// migration or a restore of a dataset; pause, resume and cancel act on the job in focus; `w` starts a
/// worker when none is running.
///
/// The list follows its head: while the cursor is on the newest job, a job queued meanwhile takes the
/// cursor; a job this screen queued (`A`, `m`, `r`) is selected once it is listed.
struct MigrationsScreen: SingleListScreen {
    enum Message: Sendable {
        case migrations(Loadable<MigrationsData>)
        case lifecyclePlan(Loadable<LifecyclePlan>)
        case retentionPlan(Loadable<RetentionPlan>)
        /// A worker this workbench started, or its new state.
        case worker(WorkerProcess)
        /// The worker key was refused (one is running): what to say.
        case workerRefused(String)
        /// Jobs this screen queued, with the flash line that says so: selected once listed.
        case queued(ids: [Int64], text: String)
    }

    /// What a dialog on this screen does once confirmed.
    enum Request: Sendable, Hashable {
        case applyPlan
        case cancelJob(id: Int64)
        /// Queue a migration (`restore: false`) or a restore of the dataset typed in the note.
        case queue(restore: Bool)
    }

    static let screen = Screen.migrations
    static let keymap = Keymap<WorkbenchAction>([
        KeyBinding([.character("p")], .planPreview, help: "plan", group: "Lifecycle"),
        KeyBinding([.character("A")], .applyPlan, help: "apply plan", group: "Lifecycle"),
        KeyBinding([.character("P")], .pauseJob, help: "pause", group: "Jobs"),
        KeyBinding([.character("R")], .resumeJob, help: "resume", group: "Jobs"),
        KeyBinding([.character("C")], .cancelJob, help: "cancel", group: "Jobs"),
        KeyBinding([.character("w")], .startWorker, help: "start worker", group: "Jobs"),
        KeyBinding([.character("m")], .queueMigration, help: "migrate dataset", group: "Jobs"),
        KeyBinding([.character("r")], .queueRestore, help: "restore dataset", group: "Jobs"),
    ])

    var list = ListPane([TableColumn("ID", alignment: .right), TableColumn("STATE"), TableColumn("REASON"),
                         TableColumn("TARGET", width: .auto(max: 24), truncation: .middle), TableColumn("TO"),
                         TableColumn("DONE", alignment: .right), TableColumn("BYTES", alignment: .right),
                         TableColumn("WORKER"), TableColumn("ERROR", width: .fill())])
    var jobs: [MigrationJobOverview] = []
    var tiers: [TierOccupancy] = []
    var plan: Loadable<LifecyclePlan>?
    /// What retention policies let go, previewed with the lifecycle plan (deleting needs approval: CLI).
    var retention: Loadable<RetentionPlan>?
    /// Recent rates per job (bytes/s), for the sparklines.
    var rates: [Int64: [Double]] = [:]
    /// The worker `w` started, while this workbench runs.
    var worker: WorkerProcess?
    /// A job this screen queued, to select once the list shows it.
    var pendingSelection: Int64?
    /// `m` (false) or `r` (true) pressed before the screen's load counted the tiers: its dialog opens when
    /// they arrive.
    var queueAwaitingTiers: Bool?
    var query = TextInputState()

    mutating func receive(_ message: Message, context: ScreenContext) -> ScreenUpdate {
        switch message {
        case .migrations(let data):
            receive(data)
            guard let restore = queueAwaitingTiers, !data.isLoading else { break }
            queueAwaitingTiers = nil
            guard !tiers.isEmpty else { break }
            return ScreenUpdate(dialog: queueDialog(restore: restore, context: context))
        case .lifecyclePlan(let plan): self.plan = plan
        case .retentionPlan(let plan): retention = plan
        case .worker(let worker):
            defer { self.worker = worker }
            if self.worker != worker, worker.state != .running {
                return ScreenUpdate(flash: FlashMessage("Worker " + worker.summary + ".", level: .info, at: context.now,
                                                        for: .seconds(5)))
            }
        case .workerRefused(let text):
            return ScreenUpdate(flash: FlashMessage(text, level: .warning, at: context.now, for: .seconds(5)))
        case .queued(let ids, let text):
            pendingSelection = ids.max()
            return ScreenUpdate(load(context), flash: FlashMessage(text, level: .info, at: context.now, for: .seconds(5)))
        }
        return ScreenUpdate()
    }

    /// Reaps the worker this workbench started while it runs.
    func tick(context: ScreenContext) -> Command<WorkbenchMessage> {
        guard let worker, worker.state == .running else { return .none }
        return Self.run { .worker(WorkerProcess(pid: worker.pid, state: WorkerLauncher.state(of: worker.pid))) }
    }

    private mutating func receive(_ data: Loadable<MigrationsData>) {
        switch data {
        case .loaded(let loaded):
            jobs = loaded.jobs
            tiers = loaded.tiers
            for job in loaded.jobs where job.state == .running {
                rates[job.id, default: []].append(job.bytesPerSecond)
                if let count = rates[job.id]?.count, count > 60 { rates[job.id]?.removeFirst(count - 60) }
            }
            // Newest first: a cursor on the first row follows new jobs, as a tail follows new lines.
            let following = list.table.selection.selected == 0
            list.setRows(loaded.jobs.map { job in
                ListRow(id: String(job.id), cells: [
                    String(job.id), job.state.rawValue + (job.pendingControl.map { " (\($0.rawValue))" } ?? ""), job.reason.rawValue, job.target,
                    job.toTier, "\(job.objectsDone)/\(job.objectsTotal)",
                    Formatting.bytes(job.bytesDone) + "/" + Formatting.bytes(job.bytesTotal),
                    job.leaseHolder?.description ?? "", job.error ?? "",
                ])
            }, filter: filter)
            let shown = list.visible(filter: filter)
            if let id = pendingSelection, let index = shown.firstIndex(where: { $0.id == String(id) }) {
                list.table.selection.select(index, count: shown.count)
                pendingSelection = nil
            } else if following, !shown.isEmpty {
                list.table.selection.select(0, count: shown.count)
            }
        case .loading: list.rows = .loading
        case .failed(let text): list.rows = .failed(text)
        }
    }

    /// The job under the cursor.
    var selected: MigrationJobOverview? {
        list.selected(filter: filter).flatMap { row in jobs.first { String($0.id) == row.id } }
    }

    /// The job the detail pane shows and the job keys act on: the one under the cursor, else the running one.
    var focusedJob: MigrationJobOverview? {
        selected ?? jobs.first { $0.state == .running }
    }

    /// What the flash line names on a served lake (starting a worker is not in the API yet; the jobs,
    /// their controls, queueing, tier occupancy and the lifecycle and retention plans are).
    static let paneName = "starting a worker"

    /// The newest jobs (one page of ``jobPage``) and the tiers' occupancy.
    func load(_ context: ScreenContext) -> Command<WorkbenchMessage> {
        let api = context.api
        return Self.run {
            .migrations(await .awaiting {
                MigrationsData(jobs: try await api.migrationJobs(MigrationJobQuery(page: Self.jobPage)).items,
                               tiers: try await api.tierOccupancy())
            })
        }
    }

    /// The jobs the list holds: the newest hundred.
    static let jobPage = PageRequest(limit: 100)


    mutating func perform(_ action: WorkbenchAction, key: Key, context: ScreenContext) -> ScreenUpdate {
        let job = focusedJob
        let api = context.api
        switch action {
        case .pauseJob, .resumeJob:
            guard let id = job?.id else { return ScreenUpdate() }
            let pause = action == .pauseJob
            return ScreenUpdate(.write {
                _ = try await api.controlJob(id: id, pause ? .pause : .resume)
                return (pause ? "Pausing" : "Resuming") + " migration \(id)."
            })
        default: break
        }
        return perform(action, job: job, context: context)
    }

    /// The keys that open a dialog or ask the API (the plans, queueing, cancelling), the worker (the engine
    /// in-process), and the ones that read only what is loaded.
    private mutating func perform(_ action: WorkbenchAction, job: MigrationJobOverview?, context: ScreenContext)
        -> ScreenUpdate
    {
        let (api, lake) = (context.api, context.engine)
        switch action {
        case .planPreview:
            plan = .loading
            retention = .loading
            return ScreenUpdate(.batch([
                Self.run { .lifecyclePlan(await .awaiting { try await api.lifecyclePlan() }) },
                Self.run { .retentionPlan(await .awaiting { try await api.retentionPlan() }) },
            ]))
        case .applyPlan:
            guard let moves = plan?.value?.moves, !moves.isEmpty else {
                return ScreenUpdate(flash: FlashMessage("Preview the lifecycle plan first (p).", level: .warning,
                                                        at: context.now, for: .seconds(5)))
            }
            let objects = moves.reduce(0) { $0 + $1.objects }
            let bytes = moves.reduce(Int64(0)) { $0 + $1.bytes }
            return ScreenUpdate(dialog: Self.dialog(
                .applyPlan, title: "Apply lifecycle plan",
                lines: moves.prefix(6).map { "\($0.rule): \($0.objects) objects \($0.fromTier) → \($0.toTier)" }
                    + ["total \(objects) objects, \(Formatting.bytes(bytes))"],
                context: context))
        case .startWorker:
            guard let lake else { return ScreenUpdate(.inProcessOnly(Self.paneName)) }
            return ScreenUpdate(startWorker(lake: lake, launcher: context.workerLauncher))
        case .drillIn:
            guard let job else { return ScreenUpdate() }
            return ScreenUpdate(viewer: RecordViewer(
                title: "Migration \(job.id)",
                fields: [("job", String(job.id)), ("state", job.state.rawValue), ("control", job.pendingControl?.rawValue ?? ""),
                         ("reason", job.reason.rawValue), ("target", job.target), ("to tier", job.toTier),
                         ("objects", "\(job.objectsDone)/\(job.objectsTotal)"),
                         ("bytes", Formatting.bytes(job.bytesDone) + " of " + Formatting.bytes(job.bytesTotal)),
                         ("worker", job.leaseHolder?.description ?? "none"), ("error", job.error ?? "")],
                width: context.width))
        case .queueMigration, .queueRestore:
            let restore = action == .queueRestore
            guard tiers.isEmpty else { return ScreenUpdate(dialog: queueDialog(restore: restore, context: context)) }
            // Pressed before the load arrived (it counts every object: seconds on a large lake).
            queueAwaitingTiers = restore
            return ScreenUpdate(list.rows.isLoading ? .none : load(context),
                                flash: FlashMessage("Counting the tiers: the dialog opens when they are known.",
                                                    level: .info, at: context.now, for: .seconds(5)))
        case .cancelJob:
            guard let job else { return ScreenUpdate() }
            return ScreenUpdate(dialog: Self.dialog(
                .cancelJob(id: job.id), title: "Cancel migration \(job.id)",
                lines: ["\(job.target) → \(job.toTier)", "\(job.objectsDone)/\(job.objectsTotal) objects moved so far"],
                context: context))
        default:
            return ScreenUpdate()
        }
    }

    func confirm(_ request: Request, answer: NoteDialog.Answer, context: ScreenContext) -> ScreenUpdate {
        let api = context.api
        switch request {
        case .cancelJob(let id):
            return ScreenUpdate(.write {
                _ = try await api.controlJob(id: id, .cancel)
                return "Cancelling migration \(id)."
            })
        case .applyPlan:
            return ScreenUpdate(Self.queueing {
                let jobs = try await api.applyLifecycle()
                let text = "\(Formatting.count(jobs.count, "migration job")) queued."
                return .queued(ids: jobs.map(\.id), text: text)
            })
        case .queue(let restore):
            let spec = answer.note.trimmingCharacters(in: .whitespaces)
            guard !spec.isEmpty, let tier = answer.choice else {
                return ScreenUpdate(flash: FlashMessage("Nothing queued: type a dataset and choose a tier.",
                                                        level: .warning, at: context.now, for: .seconds(5)))
            }
            return ScreenUpdate(Self.queueing {
                let job = try await api.queueJob(
                    MigrationRequest(dataset: spec, tier: tier, kind: restore ? .restore : .migrate))
                let what = restore ? "Restore" : "Migration"
                return .queued(ids: [job.id], text: "\(what) job \(job.id) queued: \(job.objectsTotal) objects → \(tier).")
            })
        }
    }
}

extension MigrationsScreen {
    /// The dialog of `m` and `r`: a dataset to type and a tier to choose among those the screen's load
    /// counted (every configured one, by name; for a restore, those readable without one).
    func queueDialog(restore: Bool, context: ScreenContext) -> NoteDialog {
        Self.dialog(
            .queue(restore: restore), title: restore ? "Restore a dataset" : "Migrate a dataset",
            lines: ["Type DATASET or DATASET@VERSION, choose the tier, Enter to queue."],
            choices: tiers.filter { !restore || !$0.restoreRequired }.map(\.tier), context: context)
    }

    /// Runs a catalog write that queues jobs; its message selects them, its error is the flash line.
    static func queueing(_ work: @escaping @Sendable () async throws -> Message) -> Command<WorkbenchMessage> {
        let screen = Self.screen
        return .run {
            do { return .screen(screen, try await work()) } catch { return .failed(String(describing: error)) }
        }
    }

    /// Starts `medlake worker` unless one is running: the one this workbench started, or any worker whose
    /// lease the catalog shows alive (another process, another user).
    func startWorker(lake: Lake, launcher: WorkerLauncher?) -> Command<WorkbenchMessage> {
        if let worker, worker.state == .running {
            return Self.run { .workerRefused("A worker is already running (\(worker.summary)).") }
        }
        guard let launcher else { return Self.run { .workerRefused("No medlake executable to start a worker with.") } }
        let screen = Self.screen
        return .run {
            do {
                try lake.authorize(.migrate)
                let live = try lake.liveWorkers()
                guard live.isEmpty else {
                    let refusal = Message.workerRefused("A worker is already running: " + live.joined(separator: ", ") + ".")
                    return .screen(screen, refusal)
                }
                let worker = WorkerProcess(pid: try launcher.launch(lake: lake.root), state: .running)
                return .screen(screen, Message.worker(worker))
            } catch {
                return .failed(String(describing: error))
            }
        }
    }
}

/// What the migrations screen loads in one go.
struct MigrationsData: Sendable {
    var jobs: [MigrationJobOverview]
    var tiers: [TierOccupancy]
}

// MARK: - View

extension MigrationsScreen {
    func view(in area: Rect, buffer: inout Buffer, context: ScreenContext) {
        let state = self
        let columns = area.split(.horizontal, [.fill(2), .fill(1)], spacing: 1)
        let left = columns[0].split(.vertical, [.fill(1), .length(7)])
        let block = Block(title: "Jobs (queue, running, failed) · " + state.workerTitle, isFocused: true)
        block.render(in: left[0], buffer: &buffer)
        var table = state.list.table
        state.list.render(in: block.inner(left[0]), buffer: &buffer, filter: filter, focused: true,
                          empty: "no migration jobs (p: preview the lifecycle plan)", state: &table)

        let focused = state.focusedJob
        let jobBlock = Block(title: focused.map { "Job \($0.id) (P pause, R resume, C cancel)" } ?? "Job")
        jobBlock.render(in: left[1], buffer: &buffer)
        let inner = jobBlock.inner(left[1])
        if let job = focused, inner.height >= 3 {
            let eta = job.etaSeconds.map { "ETA \(Int($0))s" } ?? "ETA –"
            let holder = job.leaseHolder.map { "worker \($0)" } ?? "no worker"
            buffer.write("\(job.state)  \(holder)  \(Formatting.bytes(Int64(job.bytesPerSecond)))/s  \(eta)",
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
            plan.drawStatus(in: planBlock.inner(right[1]), buffer: &buffer)
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

    /// What the Jobs title says about workers: the one this workbench started while it runs, else the
    /// processes holding running jobs' leases, else how to start one. A worker this workbench started
    /// that has exited is not named while another process runs a job.
    var workerTitle: String {
        if let worker, worker.state == .running { return "worker: " + worker.summary }
        let holders = Set(jobs.filter { $0.state == .running }.compactMap(\.leaseHolder)).map(\.description).sorted()
        if !holders.isEmpty { return "worker: " + holders.joined(separator: ", ") }
        return "worker: " + (worker?.summary ?? "w to start")
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
