import Foundation
import TOMLKit

/// Finds, parses and chooses themes.
///
/// A theme is a TOML file with one table per ``Role`` (see `Themes/default.toml`). The choice goes
/// `--theme` flag, then `$MEDLAKE_THEME`, then the lake's config, then `default`; a name is looked up
/// as `<name>.toml` in ``searchDirectories`` and then among the built-in themes, and anything with a
/// `/` or ending in `.toml` is a path. `NO_COLOR` (non-empty) drops colours and, unless a theme was
/// chosen explicitly, picks `mono`.
public struct ThemeLoader: Sendable {
    /// Directories searched for `<name>.toml` before the built-in themes.
    public var searchDirectories: [String]

    public init(searchDirectories: [String] = []) {
        self.searchDirectories = searchDirectories
    }

    /// Where a chosen theme came from.
    public enum Source: Sendable, Hashable {
        case flag, environment, lakeConfig, noColor, fallback
    }

    /// The theme to draw with and whether colours are off.
    public struct Choice: Sendable {
        public var theme: Theme
        public var noColor: Bool
        public var source: Source
    }

    /// The variable naming the theme when no `--theme` is given.
    public static let environmentVariable = "MEDLAKE_THEME"

    /// Picks the theme from a `--theme` value, the environment and the lake config's `theme` entry.
    public func choose(flag: String?, environment: [String: String], lakeConfig: String?) throws -> Choice {
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let candidates: [(String?, Source)] = [
            (flag, .flag), (environment[Self.environmentVariable], .environment), (lakeConfig, .lakeConfig),
        ]
        for case let (name?, source) in candidates where !name.isEmpty {
            return Choice(theme: try load(name), noColor: noColor, source: source)
        }
        if noColor { return Choice(theme: try load("mono"), noColor: true, source: .noColor) }
        return Choice(theme: try load("default"), noColor: false, source: .fallback)
    }

    /// Loads the theme called `nameOrPath`.
    public func load(_ nameOrPath: String) throws -> Theme {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".toml") {
            return try Self.parse(try read(nameOrPath), file: nameOrPath)
        }
        var tried: [String] = []
        for directory in searchDirectories {
            let path = (directory as NSString).appendingPathComponent(nameOrPath + ".toml")
            tried.append(path)
            if FileManager.default.fileExists(atPath: path) {
                return try Self.parse(try read(path), file: path)
            }
        }
        if let text = Self.builtinThemes[nameOrPath] {
            return try Self.parse(text, file: "built-in " + nameOrPath)
        }
        tried.append("built-in themes " + Self.builtinThemes.keys.sorted().joined(separator: ", "))
        throw ThemeError(
            .notFound(tried),
            file: nameOrPath,
            message: "no such theme (looked in: \(tried.joined(separator: "; ")))"
        )
    }

    private func read(_ path: String) throws -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ThemeError(.unreadable, file: path, message: "cannot read the file")
        }
    }

    // MARK: - Parsing

    /// Parses theme TOML; `file` names the source in errors.
    public static func parse(_ text: String, file: String) throws -> Theme {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ThemeError(.syntax, file: file, line: error.source.begin.line, message: error.description)
        }
        let lines = SourceLines(text)
        var name = file
        var roles: [Role: Theme.RoleStyle] = [:]
        for key in table.keys {
            guard let value = table[key] else { continue }
            if key == "name" {
                guard let string = value.string else {
                    throw ThemeError(
                        .invalid,
                        file: file,
                        line: lines.line(of: key, in: nil),
                        message: "'name' must be a string"
                    )
                }
                name = string
                continue
            }
            guard let role = Role(rawValue: key) else {
                let known = Role.allCases.map(\.rawValue).joined(separator: ", ")
                throw ThemeError(
                    .invalid,
                    file: file,
                    line: lines.header(key) ?? lines.line(of: key, in: nil),
                    message: "unknown role '\(SafeText.sanitize(key))' (known roles: \(known))"
                )
            }
            guard let roleTable = value.table else {
                throw ThemeError(
                    .invalid,
                    file: file,
                    line: lines.line(of: key, in: nil),
                    message: "role '\(key)' must be a table"
                )
            }
            roles[role] = try parseRole(roleTable, role: key, file: file, lines: lines)
        }
        return Theme(name: name, roles: roles)
    }

    private static func parseRole(_ table: TOMLTable, role: String, file: String, lines: SourceLines) throws
        -> Theme.RoleStyle
    {
        var look = Theme.RoleStyle()
        for key in table.keys {
            guard let value = table[key] else { continue }
            let fail = { (message: String) in
                ThemeError(
                    .invalid,
                    file: file,
                    line: lines.line(of: key, in: role) ?? lines.header(role),
                    message: "[\(role)] \(message)"
                )
            }
            switch key {
            case "fg": look.foreground256 = try color(value, limit: 256).orThrow(fail(badColor(key, 255)))
            case "bg": look.background256 = try color(value, limit: 256).orThrow(fail(badColor(key, 255)))
            case "fg16": look.foreground16 = try color(value, limit: 16).orThrow(fail(badColor(key, 15)))
            case "bg16": look.background16 = try color(value, limit: 16).orThrow(fail(badColor(key, 15)))
            case "attributes":
                guard let array = value.array else { throw fail("'attributes' must be an array of names") }
                for item in array {
                    guard let word = item.string, let attribute = Attributes.names.first(where: { $0.0 == word }) else {
                        let names = Attributes.names.map(\.0).joined(separator: ", ")
                        throw fail("unknown attribute \(SafeText.sanitize(item.debugDescription)) (use \(names))")
                    }
                    look.attributes.insert(attribute.1)
                }
            default:
                throw fail("unknown key '\(SafeText.sanitize(key))' (use fg, bg, fg16, bg16, attributes)")
            }
        }
        return look
    }

    private static func badColor(_ key: String, _ maximum: Int) -> String {
        "'\(key)' must be 0-\(maximum), a colour name or \"default\""
    }

    static let colorNames = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
    ]

    private static func color(_ value: TOMLValueConvertible, limit: Int) -> Color? {
        if let number = value.int {
            return number >= 0 && number < limit ? .indexed(UInt8(number)) : nil
        }
        guard let word = value.string else { return nil }
        if word == "default" { return .default }
        if let index = colorNames.firstIndex(of: word) { return .indexed(UInt8(index)) }
        if word.hasPrefix("bright-"), let index = colorNames.firstIndex(of: String(word.dropFirst(7))) {
            return .indexed(UInt8(index + 8))
        }
        return nil
    }
}

extension Optional {
    fileprivate func orThrow(_ error: @autoclosure () -> some Error) throws -> Wrapped {
        guard let self else { throw error() }
        return self
    }
}

/// Finds the line of a table header or key in TOML text, for error messages (TOMLKit reports
/// positions only for syntax errors).
private struct SourceLines {
    private let lines: [Substring]

    init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The line of `[table]`.
    func header(_ table: String) -> Int? {
        lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "[\(table)]" }.map { $0 + 1 }
    }

    /// The line of `key = …` inside `[table]` (nil table: before any header).
    func line(of key: String, in table: String?) -> Int? {
        var inside = table == nil
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                inside = line == "[\(table ?? "")]"
                continue
            }
            guard inside else { continue }
            let name = line.split(separator: "=", maxSplits: 1).first?.trimmingCharacters(in: .whitespaces)
            if name == key || name == "\"\(key)\"" { return index + 1 }
        }
        return nil
    }
}
