import TUI

/// What a key does in the workbench. Key bindings are data (``Workbench/keymap(for:)``): the same
/// values route keys and generate the hint bar and the `?` help.
public enum WorkbenchAction: Sendable, Hashable {
    case quit, palette, filter, help, drillIn, back, nextPane, refresh
    case windowCenterDown, windowCenterUp, windowWidthDown, windowWidthUp, windowReset
    case addFlag, resolveFlag, waiveFlag, cycleSeverity, cycleState
    case verifyAudit
    case expand, collapse, expandAll, collapseAll, nextMatch, previousMatch
    case nextSection, previousSection, streamFile
    case approve, reject
    case planPreview, applyPlan, pauseJob, resumeJob, cancelJob, startWorker
    case sortNext, sortReverse, viewRow, export
}

extension Workbench {
    /// Bindings every screen has.
    static let globalKeymap = Keymap<WorkbenchAction>([
        KeyBinding([.character(":")], .palette, help: "screens", group: "General"),
        KeyBinding([.character("/")], .filter, help: "filter", group: "General"),
        KeyBinding([.enter], .drillIn, help: "open", group: "Navigation"),
        KeyBinding([.escape], .back, help: "back", group: "Navigation"),
        KeyBinding([.tab], .nextPane, help: "next pane", group: "Navigation"),
        KeyBinding([.control("r")], .refresh, help: "reload", group: "General", inHintBar: false),
        KeyBinding([.character("o")], .sortNext, help: "sort by next column", group: "Tables", inHintBar: false),
        KeyBinding([.character("O")], .sortReverse, help: "reverse sort", group: "Tables", inHintBar: false),
        KeyBinding([.character("i")], .viewRow, help: "view row in full", group: "Tables", inHintBar: false),
        KeyBinding([.character("e")], .export, help: "export view (CSV/JSON)", group: "Tables", inHintBar: false),
        KeyBinding([.character("?")], .help, help: "help", group: "General", isPinned: true),
        KeyBinding([.character("q")], .quit, help: "quit", group: "General", isPinned: true),
    ])

    /// Navigation keys, handled by the focused list (listed for the help only).
    static let navigationHelp = [
        HelpSection(title: "Lists", hints: [
            Hint(keys: "j/↓", help: "down"), Hint(keys: "k/↑", help: "up"), Hint(keys: "g/Home", help: "first"),
            Hint(keys: "G/End", help: "last"), Hint(keys: "PgUp/PgDn", help: "page"),
        ]),
    ]

    /// The active keymap on `screen`: its own bindings first, then the global ones.
    static func keymap(for screen: Screen) -> Keymap<WorkbenchAction> {
        let own: [KeyBinding<WorkbenchAction>]
        switch screen {
        case .imaging:
            own = [
                KeyBinding([.character("[")], .windowCenterDown, help: "level −", group: "Preview", inHintBar: false),
                KeyBinding([.character("]")], .windowCenterUp, help: "level +", group: "Preview", inHintBar: false),
                KeyBinding([.character("{")], .windowWidthDown, help: "window −", group: "Preview", inHintBar: false),
                KeyBinding([.character("}")], .windowWidthUp, help: "window +", group: "Preview", inHintBar: false),
                KeyBinding([.character("0")], .windowReset, help: "window from file", group: "Preview", inHintBar: false),
                KeyBinding([.character("a")], .addFlag, help: "flag series", group: "Flags"),
                KeyBinding([.right, .character("l")], .expand, help: "expand", group: "Tags", inHintBar: false),
                KeyBinding([.left, .character("h")], .collapse, help: "collapse", group: "Tags", inHintBar: false),
                KeyBinding([.character("+")], .expandAll, help: "expand all", group: "Tags", inHintBar: false),
                KeyBinding([.character("-")], .collapseAll, help: "collapse all", group: "Tags", inHintBar: false),
                KeyBinding([.character("n")], .nextMatch, help: "next match", group: "Tags", inHintBar: false),
                KeyBinding([.character("N")], .previousMatch, help: "previous match", group: "Tags", inHintBar: false),
            ]
        case .flags:
            own = [
                KeyBinding([.character("a")], .addFlag, help: "add", group: "Flags"),
                KeyBinding([.character("r")], .resolveFlag, help: "resolve", group: "Flags"),
                KeyBinding([.character("w")], .waiveFlag, help: "waive", group: "Flags"),
                KeyBinding([.character("s")], .cycleSeverity, help: "severity", group: "Filters"),
                KeyBinding([.character("t")], .cycleState, help: "state", group: "Filters"),
            ]
        case .genomics:
            own = [
                KeyBinding([.character("a")], .addFlag, help: "flag sample", group: "Flags"),
                KeyBinding([.character("]")], .nextSection, help: "next section", group: "Inspector"),
                KeyBinding([.character("S")], .streamFile, help: "stream records", group: "Inspector"),
                KeyBinding([.character("[")], .previousSection, help: "previous section", group: "Inspector",
                           inHintBar: false),
            ]
        case .audit:
            own = [KeyBinding([.character("v")], .verifyAudit, help: "verify chain", group: "Audit")]
        case .promotions:
            own = [
                KeyBinding([.character("y")], .approve, help: "approve", group: "Promotions"),
                KeyBinding([.character("n")], .reject, help: "reject", group: "Promotions"),
            ]
        case .migrations:
            own = [
                KeyBinding([.character("p")], .planPreview, help: "plan", group: "Lifecycle"),
                KeyBinding([.character("A")], .applyPlan, help: "apply plan", group: "Lifecycle"),
                KeyBinding([.character("P")], .pauseJob, help: "pause", group: "Jobs"),
                KeyBinding([.character("R")], .resumeJob, help: "resume", group: "Jobs"),
                KeyBinding([.character("C")], .cancelJob, help: "cancel", group: "Jobs"),
                KeyBinding([.character("w")], .startWorker, help: "start worker", group: "Jobs"),
            ]
        case .overview, .datasets:
            own = []
        }
        return Keymap(own).merged(with: globalKeymap)
    }
}
