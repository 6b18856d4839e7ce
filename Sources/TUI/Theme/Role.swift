/// What a piece of the screen means; a theme decides how each role looks.
///
/// Widgets draw by role, never by colour number, so one theme file restyles every screen and
/// `NO_COLOR` or an 8-colour terminal degrade every screen the same way.
public enum Role: String, Sendable, Hashable, CaseIterable {
    case normal
    case muted
    case title
    case border
    case borderFocused = "border-focused"
    case header
    case status
    case hintKey = "hint-key"
    case hintLabel = "hint-label"
    case selection
    case selectionInactive = "selection-inactive"
    case tableHeader = "table-header"
    case match
    case input
    case cursor
    case dialog
    case button
    case buttonFocused = "button-focused"
    case danger
    case warning
    case error
    case success
    case info
    case gaugeFilled = "gauge-filled"
    case gaugeEmpty = "gauge-empty"
    case sparkline
    case tabActive = "tab-active"
    case tabInactive = "tab-inactive"
}
