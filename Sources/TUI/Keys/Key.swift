/// A key the user pressed, as decoded by the backend.
public enum Key: Sendable, Hashable {
    /// A printable character (already one grapheme, e.g. `ü`).
    case character(Character)
    /// Ctrl with a letter: `.control("c")` for Ctrl-C.
    case control(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown
    case enter, escape, tab, backTab, backspace, delete, insert
    /// F1…F12.
    case function(Int)

    /// How the key is written in hint bars and help: `j`, `↑`, `Ctrl-C`, `PgDn`, `F1`, `Space`.
    public var label: String {
        switch self {
        case .character(" "): "Space"
        case .character(let c): SafeText.sanitize(String(c))
        case .control(let c): "Ctrl-" + SafeText.sanitize(String(c)).uppercased()
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .backspace: "Bksp"
        case .delete: "Del"
        case .insert: "Ins"
        case .function(let n): "F\(n)"
        }
    }
}
