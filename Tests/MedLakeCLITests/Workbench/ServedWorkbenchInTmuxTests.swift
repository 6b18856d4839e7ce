import Foundation
import Testing
import TestSupport

/// The real workbench in tmux on a lake served by `medlake serve`, opened by real Unix users who cannot
/// read the lake folder: every read and write goes through the service's socket, which names them by
/// `SO_PEERCRED`.
@Suite(.serialized, .enabled(if: UnixUsers.available && TmuxSession.isAvailable, "needs root and tmux"))
struct ServedWorkbenchInTmuxTests {
    /// `medlake browse --lake LAKE --screen SCREEN` as `user` in a 100×30 pane.
    private static func open(_ served: ServedLake, as user: String, screen: String) throws -> TmuxSession {
        try TmuxSession(
            command: "runuser -u \(user) -- \(served.binary) browse --lake \(served.lake) --screen \(screen); "
                + "echo EXITED rc=$?; sleep 60",
            width: 100, height: 30, environment: ["LANG": "C.UTF-8", "TERM": "tmux-256color"])
    }

    /// Types `note` into the dialog titled `title` once it is drawn, past its guard interval, and confirms.
    private static func answer(_ tmux: TmuxSession, dialog title: String, note: String) throws {
        #expect(tmux.waitFor(title).held, "dialog \(title)")
        Thread.sleep(forTimeInterval: 0.4)  // a dialog ignores keys for 300 ms after it opens
        try tmux.run(["send-keys", "-t", "t", "-l", note], output: false)
        try tmux.send("Enter")
    }

    @Test("A curator who cannot read the lake folder: datasets, a flag raised and resolved, another user's flag live")
    func curatorThroughTheService() throws {
        let served = try ServedLake()
        let listing = try served.tool("/bin/ls", [served.lake], as: served.alice)
        #expect(listing.status != 0, "alice must not be able to list the lake folder")
        let studies = try served.medlake(["studies", "ct", "--json"], as: served.alice)
        #expect(studies.status == 0, "\(studies.stderr)")
        let study = try #require(try JSONDecoder().decode([StudyJSON].self, from: Data(studies.stdout.utf8)).first)
            .studyInstanceUID

        let tmux = try Self.open(served, as: served.alice, screen: "datasets")
        let datasets = tmux.waitFor { $0.contains("MedLake · lake · Datasets") && $0.contains("imaging CT") }
        #expect(datasets.held, "the datasets through the service: \(datasets.screen)")
        #expect(datasets.screen.contains(served.alice + " [curator]"))

        try tmux.send(":")
        try tmux.run(["send-keys", "-t", "t", "-l", "flags"], output: false)
        try tmux.send("Enter")
        // The review queue narrowed to one study (the ingest's own checks may have flagged others).
        #expect(tmux.waitFor("Flags  severity:any state:open").held)
        try tmux.send("/")
        try tmux.run(["send-keys", "-t", "t", "-l", "target:" + study], output: false)
        try tmux.send("Enter")
        #expect(tmux.waitFor("no flags with these filters").held, "no open flag on the study yet")

        // bob raises a flag from the CLI; it appears in alice's open pane without a key, its note's
        // escape sequences drawn visibly.
        let raised = try served.medlake(
            ["flags", "add", study, "needs-review", "--note", "from bob \u{1b}[2J"], as: served.bob)
        #expect(raised.status == 0, "\(raised.stderr)")
        let live = tmux.waitFor("from bob ^[[2J")
        #expect(live.held, "bob's flag did not appear by itself: \(live.screen)")

        // alice adds a flag on the same study through the dialog, then resolves both, one at a time.
        try tmux.send("a")
        try Self.answer(tmux, dialog: "Add flag", note: "alice looked")
        #expect(tmux.waitFor("Added flag").held)
        #expect(tmux.waitFor("alice looked").held, "alice's flag is listed")
        try tmux.send("Space", "Space")
        try tmux.send("r")
        try Self.answer(tmux, dialog: "Resolve 2 marked flags", note: "checked")
        let resolved = tmux.waitFor("Resolved 2 flags.")
        #expect(resolved.held, "\(resolved.screen)")
        #expect(tmux.waitFor("no flags with these filters").held, "both left the open queue")

        // Imaging's studies, series and instances come through the service, and so do an instance's tags
        // and preview and a review (`x`).
        try tmux.send(":")
        try tmux.run(["send-keys", "-t", "t", "-l", "imaging"], output: false)
        try tmux.send("Enter")
        #expect(tmux.waitFor("Synthetic CT study").held, "the studies are listed")
        try tmux.send("Enter")
        // Keys act on rows: wait for the series row (its description), not the block title drawn before it.
        #expect(tmux.waitFor("Series 0").held, "the study's series are listed")
        try tmux.send("Enter")
        // The preview's title names the frame's size and window once its pixels arrived.
        let tags = tmux.waitFor { screen in
            screen.contains("(0008,0016) UI SOPClassUID")
                && screen.range(of: #"Preview \d+×\d+  W"#, options: .regularExpression) != nil
        }
        #expect(tags.held, "the instance's tags and preview come through the service: \(tags.screen)")
        #expect(!tags.screen.contains("Not through the lake service yet"))
        try tmux.send("x")
        #expect(tmux.waitFor("Reviewed series").held, "the review was recorded through the service")
        let reviews = try served.medlake(["audit", "list", "--action", "qc.review", "--json"], as: "root")
        #expect(reviews.stdout.contains(served.alice), "the review is audited as alice: \(reviews.stdout)")

        let flags = try served.medlake(["flags", "list", "--state", "resolved", "--target", study, "--json"], as: served.bob)
        let closed = try JSONDecoder().decode([FlagStateJSON].self, from: Data(flags.stdout.utf8))
        #expect(closed.count == 2)
        #expect(closed.allSatisfy { $0.resolvedBy == served.alice }, "the service named alice, not itself")
        try tmux.send("q")
        #expect(tmux.waitFor("EXITED rc=0").held)
    }

    @Test("A curator reads a sample's files and a file's header through the service, its text sanitized")
    func sampleFilesThroughTheService() throws {
        let served = try ServedLake()
        try served.ingestVCF(sample: "NA12891", dataset: "g", header: "##source=caller \u{1b}[2J")
        let tmux = try Self.open(served, as: served.alice, screen: "genomics")
        #expect(tmux.waitFor("NA12891").held, "the sample is listed")
        try tmux.send("Enter")
        // The files pane lists the VCF and the inspector reads its header through the service.
        let inspected = tmux.waitFor { $0.contains("NA12891.vcf") && $0.contains("format (read)        VCF") }
        #expect(inspected.held, "the file and its header come through the service: \(inspected.screen)")
        #expect(!inspected.screen.contains("Not through the lake service yet"))
        // The header's `##source` came as file text through the service: its escape is drawn visibly.
        try tmux.send("Enter")
        try tmux.send("/")
        try tmux.run(["send-keys", "-t", "t", "-l", "caller"], output: false)
        try tmux.send("Enter")
        let source = tmux.waitFor("caller ^[[2J")
        #expect(source.held, "the ##source line, sanitized: \(source.screen)")
        try tmux.send("q")
        #expect(tmux.waitFor("EXITED rc=0").held)
    }

    @Test("An operator sees tier occupancy and zones and queues a migration through the service")
    func tiersZonesAndQueueingThroughTheService() throws {
        let served = try ServedLake()
        let granted = try served.medlake(["roles", "grant", served.alice, "operator"], as: "root")
        #expect(granted.status == 0, "\(granted.stderr)")
        let tmux = try Self.open(served, as: served.alice, screen: "overview")
        // The zones (in promotion order, with their published versions) and the tiers come from the API.
        let overview = tmux.waitFor { screen in
            screen.range(of: #"zone +raw +1 datasets [1-9]\d* versions"#, options: .regularExpression) != nil
                && screen.range(of: #"hot +.*\d+ obj"#, options: .regularExpression) != nil
        }
        #expect(overview.held, "zones and tier occupancy through the service: \(overview.screen)")

        try tmux.send(":")
        try tmux.run(["send-keys", "-t", "t", "-l", "migrations"], output: false)
        try tmux.send("Enter")
        #expect(tmux.waitFor("MedLake · lake · Migrations").held)
        // `m` at once: pressed before the screen's load counted the tiers, its dialog opens when they arrive.
        try tmux.send("m")
        try Self.answer(tmux, dialog: "Migrate a dataset", note: "ct")
        let queued = tmux.waitFor("Migration job")
        #expect(queued.held && queued.screen.contains("queued"), "the job was queued through the service: \(queued.screen)")
        let jobs = try served.medlake(["migrate", "list", "--json"], as: "root")
        #expect(jobs.status == 0 && jobs.stdout.contains("\"ct\""), "\(jobs.stdout)\(jobs.stderr)")
        try tmux.send("q")
        #expect(tmux.waitFor("EXITED rc=0").held)
    }

    @Test("A user with no role sees no dataset and is refused with the engine's message in the status line")
    func noRoleIsRefused() throws {
        let served = try ServedLake()
        let refusal = try served.tool(
            "/usr/bin/curl", ["-s", "--unix-socket", served.socket, "http://lake/v1/datasets"], as: served.carol)
        let problem = try JSONDecoder().decode(ProblemJSON.self, from: Data(refusal.stdout.utf8))
        #expect(problem.status == 403)
        // The review route the workbench's `x` uses refuses her too, and records nothing.
        let review = try served.tool(
            "/usr/bin/curl",
            ["-s", "--unix-socket", served.socket, "-H", "Content-Type: application/json", "-d", #"{"target":"ct"}"#,
             "http://lake/v1/reviews"],
            as: served.carol)
        #expect(try JSONDecoder().decode(ProblemJSON.self, from: Data(review.stdout.utf8)).status == 403)
        let audited = try served.medlake(["audit", "list", "--action", "qc.review", "--json"], as: "root")
        #expect(!audited.stdout.contains(served.carol))
        // So do the routes of the Overview's zones and tier occupancy, and queueing a migration.
        for path in ["zones", "tier-occupancy"] {
            #expect(try served.problem(get: path, as: served.carol).status == 403, "GET \(path)")
        }
        let queue = try served.problem(post: "migrations", #"{"dataset":"ct","tier":"hot","kind":"migrate"}"#, as: served.carol)
        #expect(queue.status == 403)
        let jobs = try served.medlake(["migrate", "list", "--json"], as: "root")
        #expect(!jobs.stdout.contains("\"ct\""), "nothing was queued: \(jobs.stdout)")

        let tmux = try Self.open(served, as: served.carol, screen: "datasets")
        let refused = tmux.waitFor { $0.contains("MedLake · lake · Datasets") && $0.contains(String(problem.detail.prefix(40))) }
        #expect(refused.held, "the engine's refusal is shown: \(refused.screen)")
        #expect(refused.screen.contains(served.carol + " []"), "carol holds no role")
        #expect(!refused.screen.contains("imaging CT"), "no dataset is listed")

        // Cycling the Flags filters asks the engine again: refused again, nothing listed.
        try tmux.send(":")
        try tmux.run(["send-keys", "-t", "t", "-l", "flags"], output: false)
        try tmux.send("Enter")
        try tmux.send("t")
        let flags = tmux.waitFor { $0.contains("state:resolved") && $0.contains(String(problem.detail.prefix(40))) }
        #expect(flags.held, "\(flags.screen)")
        #expect(!flags.screen.contains("needs-review"))
        try tmux.send("q")
        #expect(tmux.waitFor("EXITED rc=0").held)
    }
}

/// A flag in `flags list --json`: who closed it.
private struct FlagStateJSON: Decodable {
    var id: Int64
    var resolvedBy: String?
}
