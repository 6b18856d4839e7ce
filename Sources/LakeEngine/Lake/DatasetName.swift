import TextSafety

/// The rule every new dataset name must pass, so that a name can always be addressed and shown.
///
/// Names are addressed as `NAME@VERSION` (`manifest export`, `migrate`, `promote`), appear in tier paths and
/// reach terminals, so a name may not hold `@` or `/`, control characters (C0, DEL, C1) or bidi controls, may
/// not be `.` or `..`, nor empty or only whitespace, and is at most ``maximumLength`` characters.
///
/// ```swift
/// try DatasetName.validate("ct-2026")   // fine
/// try DatasetName.validate("at@1")      // throws DatasetNameError(problem: .reservedCharacter("@"))
/// ```
public enum DatasetName {
    /// The longest name accepted, in characters.
    public static let maximumLength = 128

    /// Throws ``DatasetNameError`` saying what is wrong with `name`, or returns when it is a valid new name.
    public static func validate(_ name: String) throws(DatasetNameError) {
        if let problem = problem(with: name) { throw DatasetNameError(name: name, problem: problem) }
    }

    /// What is wrong with `name`, or nil when it is valid.
    public static func problem(with name: String) -> DatasetNameError.Problem? {
        if name.unicodeScalars.allSatisfy(\.properties.isWhitespace) { return .empty }
        if name == "." || name == ".." { return .dotName }
        if name.count > maximumLength { return .tooLong }
        for scalar in name.unicodeScalars {
            if scalar == "@" || scalar == "/" { return .reservedCharacter(Character(scalar)) }
            if scalar.isTerminalControl { return .controlCharacter(scalar.value) }
            if scalar.isBidiControl || scalar.isUnicodeLineSeparator { return .bidiCharacter(scalar.value) }
        }
        return nil
    }
}

/// A dataset name ``DatasetName`` refuses, and why.
///
/// The description names the offending character by code point, never raw, as the name came from a user.
public struct DatasetNameError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Problem: Sendable, Hashable {
        /// Empty or only whitespace.
        case empty
        /// `.` or `..`, which read as folders.
        case dotName
        /// Longer than ``DatasetName/maximumLength`` characters.
        case tooLong
        /// `@` (it separates the name from a version) or `/` (a path separator).
        case reservedCharacter(Character)
        /// A C0, DEL or C1 control character, by code point.
        case controlCharacter(UInt32)
        /// A bidi control or Unicode line separator, by code point.
        case bidiCharacter(UInt32)
    }

    /// The refused name (unsanitized; show it only through a terminal sanitizer).
    public var name: String
    public var problem: Problem

    public var description: String {
        let reason =
            switch problem {
            case .empty: "it is empty"
            case .dotName: "'.' and '..' are not names"
            case .tooLong: "it is longer than \(DatasetName.maximumLength) characters"
            case .reservedCharacter(let character): "it contains '\(character)'"
            case .controlCharacter(let value): "it contains the control character \(Self.codePoint(value))"
            case .bidiCharacter(let value): "it contains the bidi control \(Self.codePoint(value))"
            }
        return "invalid dataset name: \(reason); please use 1 to \(DatasetName.maximumLength) characters "
            + "without '@', '/', control or bidi characters (e.g. ct-2026)"
    }

    private static func codePoint(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
