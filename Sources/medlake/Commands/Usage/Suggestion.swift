/// "Did you mean …?": the valid word a mistyped one most likely stands for, or none.
///
/// ArgumentParser suggests the option whose spelling is within edit distance 3 of the typed one
/// (`kSimilarityFloor = 4` in its `UsageGenerator`), counting the leading `--`; so any two short options are
/// "similar", and `flags add --code` got `--note` (two substitutions). Here a suggestion must be a likely
/// typo: a unique completion of what was typed (`--sev` → `--severity`), or at most one edit per three
/// characters of the word, with a swap of neighbours counting as one edit (`ingset` → `ingest`).
enum Suggestion {
    /// The candidate `typed` most likely stands for, or `nil` when none is close enough.
    static func nearest(to typed: String, among candidates: [String]) -> String? {
        let word = Array(typed)
        guard !word.isEmpty else { return nil }
        let completions = candidates.filter { $0.hasPrefix(typed) && $0 != typed }
        if completions.count == 1 { return completions[0] }
        let limit = max(1, bareLength(typed) / 3)
        let scored = candidates.map { (candidate: $0, distance: distance(word, Array($0))) }
            .filter { $0.distance <= limit }
        guard let best = scored.min(by: { $0.distance < $1.distance }) else { return nil }
        // Two equally near candidates: neither is a better guess than the other.
        return scored.filter { $0.distance == best.distance }.count == 1 ? best.candidate : nil
    }

    /// The word's length without leading dashes, which every option shares and so say nothing.
    private static func bareLength(_ word: String) -> Int {
        word.drop { $0 == "-" }.count
    }

    /// Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbours.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0 ... b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1 ... a.count {
            current[0] = i
            for j in 1 ... b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
