/// What a grant lets its holder do with one dataset.
public enum GrantScope: String, Sendable, Hashable, CaseIterable, Codable {
    /// Read the dataset's metadata and objects.
    case read
    /// Read, and raise or resolve flags.
    case annotate
    /// Read, and approve or reject its promotions.
    case approve

    /// Whether a grant of this scope covers `needed`.
    public func covers(_ needed: GrantScope) -> Bool {
        self == needed || needed == .read
    }
}
