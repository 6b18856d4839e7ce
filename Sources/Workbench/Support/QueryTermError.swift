/// A `key:value` term of the `/` line whose value the screen does not know, with the values it does.
struct QueryTermError: Error, Sendable, Hashable, CustomStringConvertible {
    var key: String
    var value: String
    var allowed: [String]

    var description: String {
        "unknown \(key) '\(value)'; use one of: " + (allowed + ["any"]).joined(separator: ", ")
    }
}
