/// A `lake.toml` that cannot be used, naming the file, the line and the key.
public struct ConfigurationError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public var path: String
    /// 1-based line, when known.
    public var line: Int?
    /// Dotted key (`tiers.hot.path`), when the problem is one key.
    public var key: String?
    public var message: String

    public init(path: String, line: Int?, key: String?, message: String) {
        self.path = path
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String {
        var text = path
        if let line { text += ":\(line)" }
        if let key { text += ": key '\(key)'" }
        return text + ": " + message
    }
}
