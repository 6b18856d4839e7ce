import TUI

/// A screen whose body is one list (Flags, Audit, Promotions, Migrations): moving through it, counting
/// what the `/` line matches and re-filtering it are the same on each, so they are written once here.
protocol SingleListScreen: WorkbenchScreen {
    /// The screen's list.
    var list: ListPane { get set }
}

extension SingleListScreen {
    mutating func navigate(_ key: Key, context: ScreenContext) -> ScreenUpdate {
        list.navigate(key, page: context.page, filter: filter)
        return ScreenUpdate()
    }

    /// Free text narrows the rows as typed; a screen with `key:value` terms sends them to the engine once
    /// the `/` line is committed.
    mutating func queryChanged(committed: Bool, context: ScreenContext) -> ScreenUpdate {
        list.clamp(filter: filter)
        guard committed, !Self.queryKeys.isEmpty else { return ScreenUpdate() }
        if query.text.hasSuffix(" ") { query = TextInputState(text: query.text.trimmingCharacters(in: .whitespaces)) }
        return ScreenUpdate(load(context))
    }

    var queryCounts: (matches: Int, total: Int) { (list.count(filter: filter), list.total) }
}
