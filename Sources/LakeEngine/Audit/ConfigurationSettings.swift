import Foundation
import TOMLKit

/// The settings of a `lake.toml`, flattened to dotted keys and canonical value text, so that two versions
/// of the file can be compared key by key (comments, spacing and key order do not count).
///
/// Keys follow the tables (`tiers.hot.path`); arrays of tables are numbered (`lifecycle.rules[0].after`).
/// A value's text is canonical for its type: strings quoted and escaped, arrays of values in brackets.
struct ConfigurationSettings: Hashable, Sendable {
    /// Dotted key → canonical value text.
    var values: [String: String]

    init(values: [String: String]) {
        self.values = values
    }

    /// Flattens the TOML document `text`.
    /// - Throws: ``ConfigurationError`` when `text` is not TOML (the caller parsed it already, so rarely).
    init(toml text: String, path: String) throws {
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigurationError(path: path, line: error.source.begin.line, key: nil, message: error.description)
        }
        var values: [String: String] = [:]
        Self.flatten(root, prefix: "", into: &values)
        self.values = values
    }

    /// Reads settings stored by ``json``; text that is not such an object yields no settings.
    init(json: String) {
        values = (try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))) ?? [:]
    }

    /// The settings as a key-sorted JSON object, the form kept in the catalog.
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(values)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// Keys added, removed or given another value in `self` compared with `previous`, sorted.
    func changedKeys(since previous: ConfigurationSettings) -> [String] {
        Set(values.keys).union(previous.values.keys).filter { values[$0] != previous.values[$0] }.sorted()
    }

    // MARK: - Flattening

    private static func flatten(_ table: TOMLTable, prefix: String, into values: inout [String: String]) {
        for key in table.keys {
            guard let value = table[key] else { continue }
            add(value, key: prefix + key, into: &values)
        }
    }

    private static func add(_ value: any TOMLValueConvertible, key: String, into values: inout [String: String]) {
        if let table = value.table {
            flatten(table, prefix: key + ".", into: &values)
        } else if let array = value.array, array.contains(where: { $0.table != nil }) {
            for (index, element) in array.enumerated() { add(element, key: key + "[\(index)]", into: &values) }
        } else {
            values[key] = canonical(value)
        }
    }

    private static func canonical(_ value: any TOMLValueConvertible) -> String {
        if let text = value.string { return String(reflecting: text) }
        if let array = value.array { return "[" + array.map(canonical).joined(separator: ", ") + "]" }
        return value.debugDescription
    }
}
