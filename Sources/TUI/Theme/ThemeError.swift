/// Why a theme could not be loaded; the description names the file and line.
public struct ThemeError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// No theme file or built-in theme has this name.
        case notFound([String])
        /// The file could not be read.
        case unreadable
        /// Not valid TOML.
        case syntax
        /// Valid TOML, but not a valid theme.
        case invalid
    }

    public var kind: Kind
    /// The file path or built-in theme name.
    public var file: String
    /// 1-based line of the problem, when known.
    public var line: Int?
    public var message: String

    public init(_ kind: Kind, file: String, line: Int? = nil, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        let place = line.map { "\(file), line \($0)" } ?? file
        return "theme \(place): \(message)"
    }
}
