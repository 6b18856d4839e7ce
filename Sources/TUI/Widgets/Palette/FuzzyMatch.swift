/// Subsequence matching with a score, for the command palette: `dts` matches `datasets`.
///
/// Matching is case-insensitive over characters. The score rewards consecutive matches and matches
/// at word starts (after a space, `-`, `_`, `/`, `:` or a lower-to-upper change) and penalizes gaps,
/// so `:mig` ranks `migrations` above `image-manager`.
public struct FuzzyMatch: Sendable, Hashable {
    /// Higher is better.
    public var score: Int
    /// Character offsets of `candidate` that matched the query, ascending.
    public var positions: [Int]

    /// The match of `query` in `candidate`, or nil if `query` is not a subsequence of it.
    /// An empty query matches everything with score 0.
    public static func match(_ query: String, in candidate: String) -> FuzzyMatch? {
        let needle = Array(query.lowercased())
        guard !needle.isEmpty else { return FuzzyMatch(score: 0, positions: []) }
        let original = Array(candidate)
        let haystack = original.map { Character($0.lowercased()) }
        // Jumping ahead to word starts can miss a match a plain left-to-right scan finds.
        return scan(needle, haystack, original, preferWordStarts: true)
            ?? scan(needle, haystack, original, preferWordStarts: false)
    }

    private static func scan(
        _ needle: [Character],
        _ haystack: [Character],
        _ original: [Character],
        preferWordStarts: Bool
    ) -> FuzzyMatch? {
        var positions: [Int] = []
        var score = 0
        var cursor = 0
        var previous = -2
        for wanted in needle {
            guard let found = haystack[cursor...].firstIndex(of: wanted) else { return nil }
            // Prefer a later occurrence at a word start if one exists before the next needed match.
            var chosen = found
            if preferWordStarts, found != previous + 1, !isWordStart(original, found),
                let start = haystack[found...].indices.first(where: {
                    haystack[$0] == wanted && isWordStart(original, $0)
                })
            {
                chosen = start
            }
            if chosen == previous + 1 { score += 8 }
            if isWordStart(original, chosen) { score += 6 }
            score -= min(chosen - cursor, 5)
            positions.append(chosen)
            previous = chosen
            cursor = chosen + 1
        }
        score -= max(0, original.count - needle.count) / 4
        return FuzzyMatch(score: score, positions: positions)
    }

    private static func isWordStart(_ text: [Character], _ index: Int) -> Bool {
        guard index > 0 else { return true }
        let before = text[index - 1]
        if " -_/:.".contains(before) { return true }
        return before.isLowercase && text[index].isUppercase
    }
}
