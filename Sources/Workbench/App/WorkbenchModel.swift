import Catalog
import LakeEngine
import TUI

/// Everything the workbench shows, owned by the runtime and changed only by ``Workbench/update(_:_:now:)``:
/// the frame's own state (overlay, flash, clock, size) and one component per screen.
public struct WorkbenchModel: Sendable {
    /// What the `/`, `:` or `?` keys opened on top of the screen.
    enum Overlay: Sendable {
        case none
        case palette(CommandPaletteState)
        case filter
        case help
        case dialog(NoteDialog)
        /// A record's full text (Enter on an audit event, a promotion, a job).
        case record(RecordViewer)
        /// The selected row's full values (`i`).
        case viewer(TextViewer, TextViewerState)
        /// The file name prompt of an export (`e`).
        case export(TextInputState)
    }

    var screen: Screen = .overview
    var overlay: Overlay = .none
    var flash: FlashMessage?
    var now: Timestamp = .zero
    var clockText = ""
    var lastDataVersion: Int?
    var size = Size(width: 80, height: 24)

    /// Each screen's model, kept while other screens are shown (filter, cursor and scroll survive).
    var screens = ScreenComponents()

    /// Whether the first screen was asked for.
    var started = false
    /// Shown in the flash line once the workbench starts (e.g. what the sample lake could not include).
    var notice: String?

    /// A model for a terminal of `size`, showing `screen` once started, with an optional start `notice`.
    public init(size: Size = Size(width: 80, height: 24), screen: Screen = .overview, notice: String? = nil) {
        self.size = size
        self.screen = screen
        self.notice = notice
    }

    /// The component of the screen shown.
    var current: any WorkbenchScreen {
        get { screens[screen] }
        set { screens[screen] = newValue }
    }

    /// The free text of the current screen's `/` line (its `key:value` terms go to the engine).
    var filter: String { current.filter }
}
