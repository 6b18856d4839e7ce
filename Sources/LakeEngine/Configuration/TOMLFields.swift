import TOMLKit

/// Typed access to one TOML table that turns every wrong or missing value into a ``ConfigurationError``
/// naming the dotted key and its line.
struct TOMLFields {
    let table: TOMLTable
    /// Dotted path of this table (`tiers.hot`), empty for the root.
    let prefix: String
    let path: String
    let locator: TOMLKeyLocator

    func keyPath(_ key: String) -> String { prefix.isEmpty ? key : prefix + "." + key }

    func error(_ key: String, _ message: String) -> ConfigurationError {
        let dotted = keyPath(key)
        return ConfigurationError(path: path, line: locator.line(of: dotted), key: dotted, message: message)
    }

    var keys: [String] { table.keys }

    func table(_ key: String) throws -> TOMLFields? {
        guard let value = table[key] else { return nil }
        guard let child = value.table else { throw error(key, "expected a table") }
        return TOMLFields(table: child, prefix: keyPath(key), path: path, locator: locator)
    }

    func string(_ key: String) throws -> String? {
        guard let value = table[key] else { return nil }
        guard let text = value.string else { throw error(key, "expected a string") }
        return text
    }

    func string(_ key: String, default fallback: String) throws -> String {
        try string(key) ?? fallback
    }

    func bool(_ key: String, default fallback: Bool) throws -> Bool {
        guard let value = table[key] else { return fallback }
        guard let flag = value.bool else { throw error(key, "expected true or false") }
        return flag
    }

    func int(_ key: String, default fallback: Int) throws -> Int {
        guard let value = table[key] else { return fallback }
        guard let number = value.int else { throw error(key, "expected an integer") }
        return number
    }

    /// A number, integer or float; negative values are rejected.
    func nonNegativeNumber(_ key: String) throws -> Double? {
        guard let value = table[key] else { return nil }
        guard let number = value.double ?? value.int.map(Double.init) else { throw error(key, "expected a number") }
        guard number >= 0, number.isFinite else { throw error(key, "expected a number of at least 0") }
        return number
    }

    func strings(_ key: String) throws -> [String]? {
        guard let value = table[key] else { return nil }
        guard let array = value.array else { throw error(key, "expected an array of strings") }
        var result: [String] = []
        for element in array {
            guard let text = element.string else { throw error(key, "expected an array of strings") }
            result.append(text)
        }
        return result
    }

    /// An array of tables (`[[key]]`), each as fields named `key.<name>` after its `name` entry when it has one.
    func tables(_ key: String) throws -> [TOMLFields]? {
        guard let value = table[key] else { return nil }
        guard let array = value.array else { throw error(key, "expected an array of tables ([[\(keyPath(key))]])") }
        var result: [TOMLFields] = []
        for element in array {
            guard let child = element.table else { throw error(key, "expected an array of tables ([[\(keyPath(key))]])") }
            let label = child["name"]?.string ?? String(result.count + 1)
            result.append(TOMLFields(table: child, prefix: keyPath(key) + "." + label, path: path, locator: locator))
        }
        return result
    }

    /// Rejects keys this table does not define, so a typo is an error rather than a silent default.
    func rejectUnknownKeys(_ known: Set<String>) throws {
        for key in table.keys where !known.contains(key) {
            throw error(key, "unknown key (expected one of: \(known.sorted().joined(separator: ", ")))")
        }
    }
}
