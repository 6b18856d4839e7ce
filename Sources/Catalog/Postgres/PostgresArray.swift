import GRDB

/// One column of a batch as one PostgreSQL array argument, so a batch of rows is one statement
/// (`INSERT … SELECT … FROM unnest(CAST(? AS text[]), CAST(? AS bigint[]))`) instead of a round trip per row.
///
/// The array goes out as its text form, like every other argument (``PostgresValues``): each element is the
/// literal its column reads, quoted, with NULL unquoted, and the statement casts the argument to the array
/// type it means (`text[]`, `bigint[]`, `bytea[]`, `timestamptz[]`).
enum PostgresArray {
    /// The array literal holding `values` in order: `{"a","b\"c",NULL}`.
    static func literal(_ values: [(any DatabaseValueConvertible)?]) -> String {
        var literal = "{"
        for (index, value) in values.enumerated() {
            if index > 0 { literal += "," }
            guard let text = PostgresValues.text(of: value) else {
                literal += "NULL"
                continue
            }
            // Inside a quoted element only `"` and `\` need a backslash before them.
            literal += "\""
            for character in text.unicodeScalars {
                if character == "\"" || character == "\\" { literal += "\\" }
                literal.unicodeScalars.append(character)
            }
            literal += "\""
        }
        return literal + "}"
    }
}
