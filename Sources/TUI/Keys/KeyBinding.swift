/// Keys that trigger one action, with the words shown for it in the hint bar and the help overlay.
///
/// Bindings are data (the bubbles `key.Binding` idea): the same value routes keys in `update` and
/// generates the help, so the help can never drift from what the keys do.
public struct KeyBinding<Action: Sendable & Hashable>: Sendable, Hashable {
    public var keys: [Key]
    public var action: Action
    /// A few words: "delete", "next pane".
    public var help: String
    /// Section of the help overlay: "Navigation", "Actions".
    public var group: String
    /// Whether the binding is listed in the one-line hint bar (all bindings appear in the help).
    public var inHintBar: Bool
    /// A disabled binding neither matches keys nor appears anywhere.
    public var isEnabled: Bool
    /// Whether the hint bar keeps this hint at any width, dropping unpinned hints first (help, quit).
    public var isPinned: Bool

    public init(
        _ keys: [Key],
        _ action: Action,
        help: String,
        group: String = "Actions",
        inHintBar: Bool = true,
        isEnabled: Bool = true,
        isPinned: Bool = false
    ) {
        self.keys = keys
        self.action = action
        self.help = help
        self.group = group
        self.inHintBar = inHintBar
        self.isEnabled = isEnabled
        self.isPinned = isPinned
    }

    /// The keys as shown to the user: `j/↓`.
    public var keyLabel: String { keys.map(\.label).joined(separator: "/") }
}
