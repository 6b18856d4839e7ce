/// A Person Name (PN) value: up to three component groups, each of up to five `^`-separated components
/// (family, given, middle, prefix, suffix), separated by `=` (PS3.5 §6.2.1).
public struct PersonName: Sendable, Hashable {
    /// The alphabetic (single-byte) representation.
    public var alphabetic: String
    /// The ideographic representation (e.g. Kanji, Hanja).
    public var ideographic: String
    /// The phonetic representation (e.g. Hiragana, Hangul).
    public var phonetic: String

    public init(alphabetic: String = "", ideographic: String = "", phonetic: String = "") {
        self.alphabetic = alphabetic
        self.ideographic = ideographic
        self.phonetic = phonetic
    }

    /// Splits one decoded PN value into its component groups.
    public init(_ value: String) {
        let groups = value.split(separator: "=", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        alphabetic = groups.first ?? ""
        ideographic = groups.count > 1 ? groups[1] : ""
        phonetic = groups.count > 2 ? groups[2] : ""
    }

    /// The components of the alphabetic group: family, given, middle, prefix, suffix (missing ones empty).
    public var alphabeticComponents: [String] {
        let parts = alphabetic.split(separator: "^", omittingEmptySubsequences: false).map(String.init)
        return (0 ..< 5).map { $0 < parts.count ? parts[$0] : "" }
    }
}
