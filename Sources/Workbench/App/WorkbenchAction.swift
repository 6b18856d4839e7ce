import TUI

/// What a key does in the workbench. Key bindings are data (each screen's ``WorkbenchScreen/keymap`` and ``Workbench/globalKeymap``): the same
/// values route keys and generate the hint bar and the `?` help.
public enum WorkbenchAction: Sendable, Hashable {
    case quit, palette, filter, help, drillIn, back, nextPane, refresh
    case windowCenterDown, windowCenterUp, windowWidthDown, windowWidthUp, windowReset
    case addFlag, resolveFlag, waiveFlag, reopenFlag, cycleSeverity, cycleState
    case verifyAudit
    case expand, collapse, expandAll, collapseAll, nextMatch, previousMatch
    case nextSection, previousSection, streamFile
    case approve, reject, executePromotion
    case planPreview, applyPlan, pauseJob, resumeJob, cancelJob, startWorker, queueMigration, queueRestore
    case toggleMark, nextSeries, previousSeries, nextStudy, previousStudy, reviewedNext
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
}
