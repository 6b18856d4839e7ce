/// Finds the line of a dotted key in TOML text, so errors about values can name a line.
///
/// TOMLKit reports positions for syntax errors only; values carry none. This scan knows table headers
/// (`[a.b]`, `[[a]]`) and `key = …` lines, which is all a `lake.toml` uses. It reports the key's own line,
/// else its table's header line, else nil.
struct TOMLKeyLocator {
    private let lines: [Substring]

    init(text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    func line(of dottedKey: String) -> Int? {
        let parts = dottedKey.split(separator: ".").map(String.init)
        var table: [String] = []
        var headerLine: Int?
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmed(of: " \t\r")
            if line.hasPrefix("[") {
                let name = line.trimmed(of: "[] \t")
                table = name.split(separator: ".").map { $0.trimmed(of: " \t\"'") }
                if table == parts { return index + 1 }
                if headerLine == nil, !table.isEmpty, parts.starts(with: table) { headerLine = index + 1 }
                continue
            }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].split(separator: ".").map { $0.trimmed(of: " \t\"'") }
            if table + key == parts || (parts.starts(with: table + key) && !key.isEmpty && !table.isEmpty) {
                return index + 1
            }
        }
        return headerLine
    }

    /// The line of the first NUL byte in the text and the dotted key written on that line (nil when the line
    /// holds no `key =`, e.g. a table header or inside a multi-line value).
    var firstNUL: (line: Int, key: String?)? {
        guard let index = lines.firstIndex(where: { $0.contains("\0") }) else { return nil }
        return (index + 1, key(onLine: index))
    }

    /// The dotted key assigned on 0-based line `number`, with the table it sits in.
    private func key(onLine number: Int) -> String? {
        var table: [String] = []
        for raw in lines[..<number] {
            let line = raw.trimmed(of: " \t\r")
            guard line.hasPrefix("[") else { continue }
            table = line.trimmed(of: "[] \t").split(separator: ".").map { $0.trimmed(of: " \t\"'") }
        }
        let line = lines[number].trimmed(of: " \t\r")
        guard !line.hasPrefix("["), !line.hasPrefix("#"), let equals = line.firstIndex(of: "=") else { return nil }
        let key = line[..<equals].split(separator: ".").map { $0.trimmed(of: " \t\"'") }
        return (table + key).joined(separator: ".")
    }
}

extension StringProtocol {
    /// The text without leading and trailing characters from `set` (a small, Foundation-free trim).
    fileprivate func trimmed(of set: String) -> String {
        let drop = Set(set)
        var view = Substring(self)
        while let first = view.first, drop.contains(first) { view = view.dropFirst() }
        while let last = view.last, drop.contains(last) { view = view.dropLast() }
        return String(view)
    }
}
