/// A command the palette offers: `:datasets`, `:migrations`…
public struct PaletteCommand<Action: Sendable & Hashable>: Sendable, Hashable {
    public var name: String
    public var help: String
    public var action: Action

    public init(_ name: String, help: String, action: Action) {
        self.name = name
        self.help = help
        self.action = action
    }
}

/// The `:` command palette: an input line and the commands matching it fuzzily, best first, with
/// the matched characters highlighted. Editing and selection live in ``CommandPaletteState``.
public struct CommandPalette<Action: Sendable & Hashable>: StatefulWidget {
    public var commands: [PaletteCommand<Action>]

    public init(commands: [PaletteCommand<Action>]) {
        self.commands = commands
    }

    /// The commands matching `query`, best first (ties keep their order).
    public func matches(for query: String) -> [(command: PaletteCommand<Action>, match: FuzzyMatch)] {
        commands.enumerated()
            .compactMap { index, command in FuzzyMatch.match(query, in: command.name).map { (index, command, $0) } }
            .sorted { $0.2.score != $1.2.score ? $0.2.score > $1.2.score : $0.0 < $1.0 }
            .map { ($0.1, $0.2) }
    }

    /// The action of the selected match, if any.
    public func selectedAction(state: CommandPaletteState) -> Action? {
        let found = matches(for: state.input.text)
        guard let index = state.selection.selected, index < found.count else { return nil }
        return found[index].command.action
    }

    public func render(in area: Rect, buffer: inout Buffer, state: inout CommandPaletteState) {
        let found = matches(for: state.input.text)
        let height = min(area.height, max(3, min(found.count, 10) + 3))
        let box = Rect(x: area.x, y: area.y, width: area.width, height: height)
        let block = Block(title: "Command", isFocused: true, fillRole: .dialog)
        block.render(in: box, buffer: &buffer)
        let inner = block.inner(box)
        guard !inner.isEmpty else { return }
        let input = TextInput(prompt: ":")
        input.render(in: inner.row(0), buffer: &buffer, state: &state.input)
        state.selection.clamp(count: found.count)
        let list = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
        let visible = state.selection.scrollToSelection(height: list.height, count: found.count)
        let nameWidth = min(found.map { DisplayWidth.of($0.command.name) }.max() ?? 0, max(1, inner.width / 2))
        for (offset, index) in visible.enumerated() {
            let y = list.y + offset
            let selected = index == state.selection.selected
            let style = buffer.palette[selected ? .selection : .dialog]
            buffer.fill(list.row(offset), style: style)
            let (command, match) = found[index]
            var x = list.x + 1
            for (position, character) in command.name.enumerated() where x < list.x + 1 + nameWidth {
                let matched = match.positions.contains(position)
                let look = matched && !selected ? buffer.palette[.match] : (matched ? style.adding(.underline) : style)
                x += buffer.write(String(character), column: x, row: y, width: list.x + 1 + nameWidth - x, style: look)
            }
            let helpX = list.x + 3 + nameWidth
            if helpX < list.right {
                buffer.write(
                    command.help,
                    column: helpX,
                    row: y,
                    width: list.right - helpX,
                    style: selected ? style : buffer.palette[.muted]
                )
            }
        }
        if found.isEmpty, list.height > 0 {
            buffer.write("no matching command", column: list.x + 1, row: list.y, width: list.width - 1, role: .muted)
        }
    }
}

/// The query and selection of a ``CommandPalette``.
public struct CommandPaletteState: Sendable, Hashable {
    public var input: TextInputState
    public var selection: ScrollSelection

    public init(input: TextInputState = TextInputState(), selection: ScrollSelection = ScrollSelection()) {
        self.input = input
        self.selection = selection
    }

    /// Routes a key: ↑/↓ move the selection, everything else edits the query (which resets the
    /// selection to the best match). Returns whether the key was used.
    public mutating func handle(_ key: Key, matchCount: Int) -> Bool {
        switch key {
        case .up: selection.move(by: -1, count: matchCount)
        case .down, .tab: selection.move(by: 1, count: matchCount)
        default:
            guard input.handle(key) else { return false }
            selection.select(0, count: Int.max)
        }
        return true
    }
}
