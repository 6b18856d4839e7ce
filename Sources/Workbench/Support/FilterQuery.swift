/// The `/` line of a screen read as `key:value` terms plus free text, k9s style:
/// `severity:blocking state:open code:missing-slice chest` holds three terms and the text `chest`.
///
/// Only keys the screen knows become terms; any other word (a UID, a time with colons) stays free text.
/// A key typed without a value yet (`severity:`) is ignored, so typing never filters on half a term.
struct FilterQuery: Sendable, Hashable {
    /// The terms by lower-cased key; the last of a repeated key wins.
    var terms: [String: String] = [:]
    /// The free text: the remaining words, joined by one space.
    var text: String

    init(_ input: String, keys: Set<String>) {
        guard !keys.isEmpty, input.contains(":") else {
            text = input
            return
        }
        var words: [Substring] = []
        for word in input.split(separator: " ", omittingEmptySubsequences: true) {
            if let term = Self.term(word, keys: keys) {
                if !term.value.isEmpty { terms[term.key] = term.value }
            } else {
                words.append(word)
            }
        }
        text = words.joined(separator: " ")
    }

    /// `input` with term `key` set to `value`, or removed when `value` is nil; other words keep their order.
    static func setting(_ key: String, to value: String?, in input: String, keys: Set<String>) -> String {
        var words = input.split(separator: " ", omittingEmptySubsequences: true).filter {
            term($0, keys: keys)?.key != key
        }.map(String.init)
        if let value { words.insert(key + ":" + value, at: 0) }
        return words.joined(separator: " ")
    }

    private static func term(_ word: Substring, keys: Set<String>) -> (key: String, value: String)? {
        guard let colon = word.firstIndex(of: ":") else { return nil }
        let key = word[..<colon].lowercased()
        guard keys.contains(key) else { return nil }
        return (key, String(word[word.index(after: colon)...]))
    }
}
