/// One-cell ASCII stand-ins for the symbols widgets and screens draw (separators, arrows, folds,
/// box drawing, blocks), for terminals whose locale is not UTF-8.
///
/// Without it such a terminal shows `?` for `·`, `×`, `▾`, `→`, which reads as lost data. Only
/// symbols are mapped, each to exactly one cell so layouts keep their widths; letters and other
/// text stay `?`, since silently changing a patient name (`Müller` → `Muller`) would misreport it.
public enum AsciiFallback {
    /// The ASCII character drawn for `symbol` (one cell of text), or nil when it has none.
    public static func character(for symbol: String) -> String? {
        guard let scalar = symbol.unicodeScalars.first else { return nil }
        return table[scalar.value]
    }

    private static let table: [UInt32: String] = {
        var table: [UInt32: String] = [:]
        func map(_ symbols: String, to ascii: String) {
            for scalar in symbols.unicodeScalars { table[scalar.value] = ascii }
        }
        map("·•∙⋅", to: ".")
        map("×✕✗✘", to: "x")
        map("✓✔", to: "v")
        map("▾▼↓⌄", to: "v")
        map("▴▲↑", to: "^")
        map("▸►→›»⟩", to: ">")
        map("◂◄←‹«⟨", to: "<")
        map("↔", to: "-")
        map("−–—―‐‑", to: "-")
        map("…", to: "~")
        map("─━═┄┈╌", to: "-")
        map("│┃║┆┊╎▏▕▌▐", to: "|")
        map("┌┐└┘├┤┬┴┼╭╮╯╰╔╗╚╝", to: "+")
        map("█▉▊▋▍▎▇▆▅▓▒", to: "#")
        map("▄▃▂▁░", to: "_")
        map("▀▔", to: "\"")
        map("‘’‚′", to: "'")
        map("“”„″", to: "\"")
        map("\u{00A0}\u{2007}\u{2009}\u{202F}", to: " ")
        map("≥", to: ">")
        map("≤", to: "<")
        map("≠", to: "#")
        map("±", to: "+")
        map("°", to: "o")
        map("●○◆◇■□", to: "*")
        return table
    }()
}
