import TUI

extension Workbench {
    /// Header, screen body, filter line (while filtering), hint bar and flash line; overlays on top.
    public func view(_ model: WorkbenchModel, into buffer: inout Buffer) {
        let screen = buffer.area
        guard screen.width >= 20, screen.height >= 6 else {
            buffer.write("terminal too small", column: 0, row: 0, role: .warning)
            return
        }
        buffer.fill(screen, role: .normal)
        let component = model.current
        let filtering: Bool
        if case .filter = model.overlay { filtering = true } else { filtering = false }
        let showFilterLine = filtering || !component.filter.isEmpty
        let rows = screen.split(.vertical, [.length(1), .fill(1), .length(showFilterLine ? 1 : 0), .length(1), .length(1)])
        let roles = session.caller.roles.map(\.rawValue).joined(separator: ",")
        StatusBar(left: "MedLake · " + session.lakeName + " · " + model.screen.title,
                  center: session.caller.user + " [" + roles + "]", right: model.clockText, role: .header)
            .render(in: rows[0], buffer: &buffer)

        let body = rows[1]
        component.view(in: body, buffer: &buffer, context: context(model))

        if showFilterLine {
            var input = component.query
            let counts = component.queryCounts
            FilterLine(matchCount: counts.matches, totalCount: counts.total, isFocused: filtering)
                .render(in: rows[2], buffer: &buffer, state: &input)
        }
        let keymap = component.activeKeymap
        HintBar(hints: keymap.hints).render(in: rows[3], buffer: &buffer)
        FlashLine(message: model.flash, now: model.now).render(in: rows[4], buffer: &buffer)

        switch model.overlay {
        case .palette(var state):
            let box = screen.centered(width: min(60, screen.width - 4), height: min(Screen.allCases.count + 3, screen.height - 2))
            Self.palette.render(in: box, buffer: &buffer, state: &state)
        case .help:
            HelpOverlay(title: "Keys · " + model.screen.title,
                        sections: keymap.helpSections + Self.navigationHelp + component.activeQueryHelp)
                .render(in: body, buffer: &buffer)
        case .dialog(let dialog):
            dialog.render(in: screen, buffer: &buffer)
        case .record(let viewer):
            viewer.render(in: screen, buffer: &buffer)
        case .viewer(let viewer, var state):
            viewer.render(in: Self.viewerBox(model.size), buffer: &buffer, state: &state)
        case .export(let input):
            renderExportPrompt(input, in: screen, buffer: &buffer)
        case .none, .filter:
            break
        }
    }
}
