import TUI

extension Loadable {
    /// Draws the loading or error text of data that is not there (nothing once loaded).
    func drawStatus(in area: Rect, buffer: inout Buffer) {
        switch self {
        case .loading: buffer.write("loading…", column: area.x + 1, row: area.y, width: area.width - 1, role: .muted)
        case .failed(let text):
            buffer.write("error: " + text, column: area.x + 1, row: area.y, width: area.width - 1, role: .error)
        case .loaded: break
        }
    }
}
