extension Character {
    /// True for `\n`, `\r` and `\r\n` (one grapheme in Swift), the line ends genomic text files use.
    /// Narrower than `isNewline`, which would also split on U+2028 or NEL inside values.
    var isLineEnd: Bool { self == "\n" || self == "\r\n" || self == "\r" }
}
