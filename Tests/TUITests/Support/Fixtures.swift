/// Text the lake may hold: scripts of every width and strings crafted to attack a terminal.
enum Fixtures {
    static let cjk = "山田^太郎"
    static let emoji = "👩‍🔬 ok ❤️ 😀"
    /// `e` with two combining accents, and decomposed `ü`.
    static let combining = "Mu\u{308}ller e\u{301}\u{302}"
    static let rtl = "مرحبا עברית"
    static let clearScreen = "\u{1B}[2Jwipe"
    static let osc52 = "\u{1B}]52;c;ZXZpbA==\u{07}clip"
    static let c1CSI = "csi\u{9B}31mred"
    static let carriageReturn = "over\rwrite"
    static let bidiOverride = "\u{202E}fdp.exe\u{202C}"
    static let newline = "two\nlines"

    static let hostile = [clearScreen, osc52, c1CSI, carriageReturn, bidiOverride, newline]
    static let all = [cjk, emoji, combining, rtl] + hostile
}
