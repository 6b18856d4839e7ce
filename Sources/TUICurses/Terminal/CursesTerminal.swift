import CNcursesw
import CNcurseswShim
import Glibc
import TUI

/// The ncursesw ``Backend``: draws changed cells with wide-character calls, one `doupdate` per
/// frame, and decodes keys, resizes and hang-ups.
///
/// Set-up follows what was measured on this platform: the locale first (without it box drawing and
/// CJK break), `use_env(FALSE)` + `use_tioctl(TRUE)` so the size comes from the kernel and exported
/// `LINES`/`COLUMNS` cannot freeze it,
/// cbreak/noecho/nonl/keypad, `set_escdelay(25)` unless `ESCDELAY` is set, default colours, and
/// colour pairs from `alloc_pair` with the real pair number passed through `opts` (above 255
/// `COLOR_PAIR` would truncate it). Under a non-UTF-8 locale it reports no Unicode, and widgets draw
/// ASCII. The terminal is restored by ``stop()``, by ncurses' own SIGINT/SIGTERM handlers, and by
/// crash handlers that call `endwin` before the Swift backtracer runs.
///
/// - warning: Main actor only; ncurses is not thread-safe.
@MainActor
public final class CursesTerminal: Backend {
    public let capabilities: TerminalCapabilities
    private let window: UnsafeMutablePointer<WINDOW>
    private let screen: OpaquePointer
    private var pairs: [UInt32: Int32] = [:]
    private var stopped = false
    private var signalPipe: Int32 = -1
    private static var started = false
    private let attributeBits: [(Attributes, attr_t)] = [
        (.bold, medlake_attr_bold()), (.dim, medlake_attr_dim()), (.italic, medlake_attr_italic()),
        (.underline, medlake_attr_underline()), (.reverse, medlake_attr_reverse()), (.blink, medlake_attr_blink()),
    ]

    /// Takes over the terminal on stdin/stdout, reporting clicks and the wheel unless `mouse` is false
    /// (the mouse then stays with the terminal, for selecting text). Throws if there is no terminal or
    /// `TERM` is unknown.
    public init(mouse: Bool = true) throws {
        guard !Self.started else {
            throw CursesError(kind: .alreadyStarted, message: "the terminal is already in use")
        }
        setlocale(LC_ALL, "")
        let unicode = medlake_locale_is_utf8() != 0
        // use_env(FALSE) alone makes ncurses take the size from terminfo (80x24) and ignore resizes;
        // with use_tioctl(TRUE) it asks the kernel and still ignores exported LINES/COLUMNS.
        use_env(false)
        use_tioctl(true)
        guard let screen = newterm(nil, medlake_stdout(), medlake_stdin()) else {
            let term = getenv("TERM").map { String(cString: $0) } ?? "(unset)"
            throw CursesError(kind: .cannotStart, message: "cannot start on TERM=\(SafeText.sanitize(term))")
        }
        guard let window = medlake_stdscr() else {
            endwin()
            delscreen(screen)
            throw CursesError(kind: .cannotStart, message: "no standard screen")
        }
        Self.started = true
        self.screen = screen
        self.window = window
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        intrflush(window, false)
        curs_set(0)
        if getenv("ESCDELAY") == nil { set_escdelay(25) }
        if mouse { medlake_enable_mouse() }
        var depth = ColorDepth.monochrome
        if has_colors() {
            start_color()
            use_default_colors()
            depth = ColorDepth(colors: Int(medlake_colors()))
        }
        capabilities = TerminalCapabilities(colorDepth: depth, unicode: unicode)
        signalPipe = medlake_install_signal_pipe()
        medlake_install_crash_restore()
    }

    /// Gives the terminal back to the shell; safe to call more than once.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        endwin()
        delscreen(screen)
        Self.started = false
    }

    public var size: Size {
        Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
    }

    // MARK: - Output

    public func draw(_ changes: [CellChange]) throws {
        var cursor: (column: Int, row: Int)? = nil
        var character = cchar_t()
        var wide: [wchar_t] = []
        for change in changes where !change.cell.isContinuation {
            if cursor.map({ $0 != (change.column, change.row) }) ?? true {
                wmove(window, Int32(change.row), Int32(change.column))
            }
            wide.removeAll(keepingCapacity: true)
            for scalar in change.cell.symbol.unicodeScalars { wide.append(wchar_t(bitPattern: scalar.value)) }
            wide.append(0)
            var pair = colorPair(change.cell.style)
            let attributes = attributeMask(change.cell.style.attributes)
            _ = wide.withUnsafeBufferPointer { buffer in
                setcchar(&character, buffer.baseAddress, attributes, Int16(clamping: pair), &pair)
            }
            // Writing the bottom-right cell reports ERR although the character is drawn.
            _ = wadd_wch(window, &character)
            let width = change.cell.symbol.unicodeScalars.first.map(DisplayWidth.wcwidth) ?? 1
            cursor = (change.column + max(1, width), change.row)
        }
    }

    public func flush() throws {
        wnoutrefresh(window)
        doupdate()
    }

    private func attributeMask(_ attributes: Attributes) -> attr_t {
        var mask = attr_t(0)
        for (attribute, bits) in attributeBits where attributes.contains(attribute) { mask |= bits }
        return mask
    }

    private func colorPair(_ style: Style) -> Int32 {
        guard capabilities.colorDepth != .monochrome else { return 0 }
        let foreground = Self.index(style.foreground)
        let background = Self.index(style.background)
        if foreground < 0 && background < 0 { return 0 }
        let key = UInt32(bitPattern: (foreground & 0xFFFF) << 16 | (background & 0xFFFF))
        if let pair = pairs[key] { return pair }
        let pair = max(0, alloc_pair(foreground, background))
        pairs[key] = pair
        return pair
    }

    private static func index(_ color: TUI.Color) -> Int32 {
        switch color {
        case .default: -1
        case .indexed(let value): Int32(value)
        }
    }

    // MARK: - Input

    /// Wakes through the signal pipe, which ``readInput(timeout:)`` waits on beside the terminal.
    public func makeWaker() -> (@Sendable () -> Void)? {
        { medlake_wake_main_loop() }
    }

    public func readInput(timeout: Duration?) throws -> InputEvent? {
        let clock = ContinuousClock()
        let deadline = timeout.map { clock.now + $0 }
        var woken = false
        while true {
            if medlake_hangup_received() != 0 { return .hangup }
            if medlake_take_resize() != 0 { return resized() }
            // ncurses may hold keys it read ahead (after an ESC); take those before waiting.
            if let event = readKey() { return event }
            // A byte in the pipe that was no hang-up or resize: a command's message is waiting.
            if woken { return nil }
            var wait: Int32 = -1
            if let deadline {
                let left = deadline - clock.now
                if left <= .zero { return nil }
                wait = Int32(clamping: (left.nanoseconds + 999_999) / 1_000_000)
            }
            switch InputProbe.wait(stdinOrSignals: signalPipe, milliseconds: wait) {
            case .timeout: return nil
            case .signal:
                medlake_drain_signal_pipe()
                woken = true
            case .closed: return .hangup
            case .input:
                if let event = readKey() { return event }
                if InputProbe.isClosed() { return .hangup }
            }
        }
    }

    /// One key ncurses has ready, without waiting (beyond ESCDELAY inside an escape sequence).
    private func readKey() -> InputEvent? {
        wtimeout(window, 0)
        var code: wint_t = 0
        let result = wget_wch(window, &code)
        if result == KEY_CODE_YES {
            if Int32(code) == KEY_RESIZE { return .resize(size) }
            if Int32(code) == KEY_MOUSE { return mouseEvent() }
            return KeyDecoder.functionKey(Int32(code)).map(InputEvent.key)
        }
        if result == OK { return KeyDecoder.character(UInt32(code)).map(InputEvent.key) }
        return nil
    }

    /// The click or wheel turn ncurses holds after `KEY_MOUSE`; nil for other mouse reports.
    private func mouseEvent() -> InputEvent? {
        var column: Int32 = 0
        var row: Int32 = 0
        let kind: MouseEvent.Kind
        switch medlake_read_mouse(&column, &row) {
        case 1: kind = .click
        case 2: kind = .wheelUp
        case 3: kind = .wheelDown
        default: return nil
        }
        return .mouse(MouseEvent(kind, column: Int(column), row: Int(row)))
    }

    /// Applies a SIGWINCH: asks the kernel for the size and resizes ncurses' screens to it.
    private func resized() -> InputEvent {
        var rows: Int32 = 0
        var columns: Int32 = 0
        if medlake_window_size(&rows, &columns) == 0, rows > 0, columns > 0 {
            resizeterm(rows, columns)
            // resizeterm queues a KEY_RESIZE of its own; this event already reports the change, so
            // take it out (putting back anything else that came first).
            wtimeout(window, 0)
            var code: wint_t = 0
            let result = wget_wch(window, &code)
            if result == KEY_CODE_YES, Int32(code) != KEY_RESIZE {
                ungetch(Int32(code))
            } else if result == OK {
                unget_wch(wchar_t(bitPattern: code))
            }
        }
        return .resize(size)
    }
}
