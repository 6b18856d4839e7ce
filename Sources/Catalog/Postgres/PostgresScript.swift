/// Splits a migration's DDL into its statements, since PostgreSQL's extended protocol (the only one
/// PostgresNIO speaks) takes one statement per message.
///
/// Statements end at `;` outside string literals (`'…'`, with `''` escapes), quoted identifiers and comments;
/// a statement holding only whitespace and comments is dropped.
enum PostgresScript {
    /// The statements of `script`, in order, without their `;`.
    static func statements(_ script: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var hasCode = false
        var quote: Character?
        var iterator = Array(script).makeIterator()
        var pending: Character?
        func next() -> Character? {
            if let character = pending {
                pending = nil
                return character
            }
            return iterator.next()
        }
        while let character = next() {
            if let open = quote {
                current.append(character)
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "'", "\"":
                quote = character
                hasCode = true
                current.append(character)
            case "-":
                let following = next()
                if following == "-" {
                    // A comment runs to the end of the line; it is dropped.
                    while let skipped = next(), skipped != "\n" {}
                    current.append("\n")
                } else {
                    current.append(character)
                    hasCode = true
                    pending = following
                }
            case ";":
                if hasCode { statements.append(current.trimmingWhitespace()) }
                current = ""
                hasCode = false
            default:
                current.append(character)
                if !character.isWhitespace { hasCode = true }
            }
        }
        if hasCode { statements.append(current.trimmingWhitespace()) }
        return statements
    }
}

extension String {
    /// The string without leading and trailing whitespace and newlines.
    fileprivate func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
