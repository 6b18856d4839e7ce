import Foundation
import TUI

extension Workbench {
    /// Opens the `/` line: on a screen with terms, a space after them so typing starts a new word.
    func openFilter(_ model: inout WorkbenchModel) {
        guard !model.screen.queryKeys.isEmpty, let text = model.filters[model.screen]?.text, !text.isEmpty,
            !text.hasSuffix(" ")
        else { return }
        model.filters[model.screen] = TextInputState(text: text + " ")
    }

    /// Reacts to the `/` line changing (`committed`: Enter or Esc): the imaging tag search jumps to its
    /// matches, and screens whose terms go to the engine (flags, audit) reload once committed.
    func filterChanged(_ model: inout WorkbenchModel, committed: Bool) -> Command<WorkbenchMessage> {
        switch model.screen {
        case .imaging:
            model.imaging.searchChanged(filter: model.filter, committed: committed)
        case .flags, .audit:
            guard committed else { break }
            if let text = model.filters[model.screen]?.text, text.hasSuffix(" ") {
                model.filters[model.screen] = TextInputState(text: text.trimmingCharacters(in: .whitespaces))
            }
            return load(model.screen, model: model)
        default: break
        }
        return .none
    }

    /// Matches and total for the filter line where a screen searches rather than filters a list.
    func searchCounts(_ model: WorkbenchModel) -> (matches: Int, total: Int)? {
        switch model.screen {
        case .imaging where model.imaging.focus == .tags && model.imaging.level == .instances:
            return (model.imaging.tree.matches(model.filter).count, model.imaging.tree.lines.count)
        case .genomics where model.genomics.focus == .inspector:
            let inspector = model.genomics.inspector
            return (inspector.matchCount(search: model.filter), inspector.lines.count)
        case .genomics:
            let samples = model.genomics.samples
            return (samples.visible(filter: model.genomics.sampleSearch(model.filter)).count,
                    samples.rows.value?.count ?? 0)
        default:
            return nil
        }
    }
}

extension Workbench {
    /// The `/` terms a screen understands, for the `?` help.
    static func queryHelp(for screen: Screen) -> [HelpSection] {
        switch screen {
        case .flags:
            [HelpSection(title: "Query (/)", hints: [
                Hint(keys: "severity:", help: "blocking|warning|info|any"),
                Hint(keys: "state:", help: "open|resolved|waived|any"),
                Hint(keys: "code:", help: "a vocabulary code"), Hint(keys: "dataset:", help: "a dataset name"),
                Hint(keys: "target:", help: "a UID, sample or hash"), Hint(keys: "words", help: "free text"),
            ])]
        case .audit:
            [HelpSection(title: "Query (/)", hints: [
                Hint(keys: "actor:", help: "a user"), Hint(keys: "action:", help: "flag.add, or a prefix flag."),
                Hint(keys: "since:", help: "15m, 2h, 7d or 2026-11-25T04:00"), Hint(keys: "words", help: "free text"),
            ])]
        case .imaging:
            [HelpSection(title: "Tag search (/ on tags)", hints: [
                Hint(keys: "text", help: "jumps to the first match"), Hint(keys: "Enter", help: "expands every match"),
            ])]
        case .genomics:
            [HelpSection(title: "Search (/)", hints: [
                Hint(keys: "samples", help: "filters the samples"), Hint(keys: "inspector", help: "narrows the lines"),
            ])]
        default:
            []
        }
    }
}
