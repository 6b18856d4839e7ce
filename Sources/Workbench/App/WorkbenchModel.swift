import Catalog
import LakeEngine
import TUI

/// Everything the workbench shows, owned by the runtime and changed only by ``Workbench/update(_:_:now:)``.
public struct WorkbenchModel: Sendable {
    /// What the `/`, `:` or `?` keys opened on top of the screen.
    enum Overlay: Sendable {
        case none
        case palette(CommandPaletteState)
        case filter
        case help
        case dialog(NoteDialog)
        /// The selected row's full values (`i`).
        case viewer(TextViewer, TextViewerState)
        /// The file name prompt of an export (`e`).
        case export(TextInputState)
    }

    var screen: Screen = .overview
    var overlay: Overlay = .none
    /// Filter text per screen (the `/` line).
    var filters: [Screen: TextInputState] = [:]
    var flash: FlashMessage?
    var now: Timestamp = .zero
    var clockText = ""
    var lastDataVersion: Int?
    var size = Size(width: 80, height: 24)

    var overview: Loadable<OverviewData> = .loading
    var datasets = DatasetsState()
    var imaging = ImagingState()
    var genomics = GenomicsState()
    var flags = FlagsState()
    var audit = AuditState()
    var promotions = PromotionsState()
    var migrations = MigrationsState()

    /// Whether the first screen was asked for.
    var started = false
    /// Shown in the flash line once the workbench starts (e.g. what the sample lake could not include).
    var notice: String?

    /// A model for a terminal of `size`, showing `screen` once started, with an optional start `notice`.
    public init(size: Size = Size(width: 80, height: 24), screen: Screen = .overview, notice: String? = nil) {
        self.size = size
        self.screen = screen
        self.notice = notice
        filters[.flags] = TextInputState(text: FlagsState.initialQuery)
    }

    /// The free text of the current screen's `/` line (its `key:value` terms go to the engine).
    var filter: String { filter(on: screen) }

    /// The free text of `screen`'s `/` line.
    func filter(on screen: Screen) -> String { FilterQuery(filters[screen]?.text ?? "", keys: screen.queryKeys).text }
}
