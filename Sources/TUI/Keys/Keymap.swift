/// The active key bindings of a screen: routes keys to actions and generates hints and help.
///
/// ```swift
/// let keymap = Keymap([
///     KeyBinding([.character("j"), .down], .down, help: "down", group: "Navigation", inHintBar: false),
///     KeyBinding([.character("q")], .quit, help: "quit"),
/// ])
/// if let action = keymap.action(for: key) { … }
/// HintBar(hints: keymap.hints).render(in: bottomRow, buffer: &buffer)
/// ```
public struct Keymap<Action: Sendable & Hashable>: Sendable, Hashable {
    public var bindings: [KeyBinding<Action>]

    public init(_ bindings: [KeyBinding<Action>]) {
        self.bindings = bindings
    }

    /// The action of the first enabled binding holding `key`.
    public func action(for key: Key) -> Action? {
        bindings.first { $0.isEnabled && $0.keys.contains(key) }?.action
    }

    /// The binding for `action`, if enabled.
    public func binding(for action: Action) -> KeyBinding<Action>? {
        bindings.first { $0.isEnabled && $0.action == action }
    }

    /// Enabled bindings marked for the hint bar, in order.
    public var hints: [Hint] {
        bindings.filter { $0.isEnabled && $0.inHintBar }.map {
            Hint(keys: $0.keyLabel, help: $0.help, isPinned: $0.isPinned)
        }
    }

    /// Every enabled binding grouped by section, sections in order of first appearance.
    public var helpSections: [HelpSection] {
        var sections: [HelpSection] = []
        for binding in bindings where binding.isEnabled {
            let hint = Hint(keys: binding.keyLabel, help: binding.help)
            if let index = sections.firstIndex(where: { $0.title == binding.group }) {
                sections[index].hints.append(hint)
            } else {
                sections.append(HelpSection(title: binding.group, hints: [hint]))
            }
        }
        return sections
    }

    /// Keys bound by more than one enabled binding (only the first would ever fire), in order.
    public var conflicts: [Key] {
        var seen: Set<Key> = []
        var repeated: [Key] = []
        for binding in bindings where binding.isEnabled {
            for key in binding.keys where !seen.insert(key).inserted && !repeated.contains(key) {
                repeated.append(key)
            }
        }
        return repeated
    }

    /// This keymap followed by `other`'s bindings (earlier bindings win on shared keys).
    public func merged(with other: Keymap<Action>) -> Keymap<Action> {
        Keymap(bindings + other.bindings)
    }
}

/// A key label and what it does, as shown in the hint bar or help.
public struct Hint: Sendable, Hashable {
    public var keys: String
    public var help: String
    /// Kept by the ``HintBar`` at any width (see ``KeyBinding/isPinned``).
    public var isPinned: Bool

    public init(keys: String, help: String, isPinned: Bool = false) {
        self.keys = keys
        self.help = help
        self.isPinned = isPinned
    }
}

/// A titled group of hints in the help overlay.
public struct HelpSection: Sendable, Hashable {
    public var title: String
    public var hints: [Hint]

    public init(title: String, hints: [Hint]) {
        self.title = title
        self.hints = hints
    }
}
