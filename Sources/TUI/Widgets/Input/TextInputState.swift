/// An editable line with a cursor and a history, edited by keys (readline-like).
///
/// Keys: characters insert; ←/→, Home/End (Ctrl-A/Ctrl-E) move; Backspace/Del delete;
/// Ctrl-U deletes to the start, Ctrl-K to the end, Ctrl-W the word before the cursor; ↑/↓ walk the
/// history, keeping what was being typed as a draft. ``commit()`` records the line in the history.
public struct TextInputState: Sendable, Hashable {
    public private(set) var text: String
    /// Cursor position in characters, `0...text.count`.
    public private(set) var cursor: Int
    public private(set) var history: [String]
    /// At most this many history entries are kept (oldest dropped).
    public var historyLimit: Int
    private var historyIndex: Int?
    private var draft = ""

    public init(text: String = "", history: [String] = [], historyLimit: Int = 100) {
        self.text = text
        cursor = text.count
        self.history = history
        self.historyLimit = historyLimit
    }

    /// Replaces the text and puts the cursor at its end.
    public mutating func set(_ newText: String) {
        text = newText
        cursor = newText.count
        historyIndex = nil
    }

    /// Returns the line, adds it to the history (unless empty or equal to the last entry) and clears.
    public mutating func commit() -> String {
        let line = text
        if !line.isEmpty, history.last != line {
            history.append(line)
            if history.count > historyLimit { history.removeFirst(history.count - historyLimit) }
        }
        set("")
        draft = ""
        return line
    }

    /// Applies an editing key; returns false for keys it does not use (Enter, Esc, Tab…).
    public mutating func handle(_ key: Key) -> Bool {
        var characters = Array(text)
        switch key {
        case .character(let c):
            characters.insert(c, at: cursor)
            cursor += 1
        case .backspace, .control("h"):
            guard cursor > 0 else { return true }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .delete, .control("d"):
            guard cursor < characters.count else { return true }
            characters.remove(at: cursor)
        case .left, .control("b"): cursor = max(0, cursor - 1)
        case .right, .control("f"): cursor = min(characters.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = characters.count
        case .control("u"):
            characters.removeFirst(cursor)
            cursor = 0
        case .control("k"): characters.removeLast(characters.count - cursor)
        case .control("w"):
            var start = cursor
            while start > 0, characters[start - 1] == " " { start -= 1 }
            while start > 0, characters[start - 1] != " " { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .up:
            recall(by: -1)
            return true
        case .down:
            recall(by: 1)
            return true
        default:
            return false
        }
        text = String(characters)
        historyIndex = nil
        return true
    }

    private mutating func recall(by step: Int) {
        guard !history.isEmpty else { return }
        let current = historyIndex ?? history.count
        if historyIndex == nil { draft = text }
        let next = min(max(0, current + step), history.count)
        historyIndex = next == history.count ? nil : next
        text = historyIndex.map { history[$0] } ?? draft
        cursor = text.count
    }
}
