import Foundation

/// What identifies the people of a source data set, in the forms it takes in free text: the components
/// of every person name, the patient's identifiers and the dates, each matched case-insensitively as a
/// whole word.
///
/// The ``Deidentifier`` blanks these out of the descriptions it keeps (Clean Descriptors), and the
/// ``PHIScanner`` looks for them in every text attribute of the output — sequences and retained private
/// attributes included — so a name, birth date or MRN typed into a comment, an overlay label or a
/// private tag is caught however it got there.
///
/// - Names: every component (3 characters or more) of every PN value anywhere in the source, so the
///   patient's other and birth names, a mother's birth name or a responsible person (a relative) count
///   as well as the patient name.
/// - Identifiers (3 characters or more): PatientID, OtherPatientIDs, the PatientID of every sequence
///   item (Other Patient IDs Sequence), AccessionNumber, MedicalRecordLocator.
/// - Dates: the patient's birth date always; every other DA value of the source too unless the lake
///   keeps full dates. Each in the renderings people type: `YYYYMMDD`, `YYYY-MM-DD`, `DD.MM.YYYY`,
///   `MM/DD/YYYY` and `DD/MM/YYYY`.
///
/// Thread-safety: an immutable value; use from any thread.
public struct IdentityTerms: Sendable {
    /// Which kind of term a text contains (the finding names the kind, never the term).
    public enum Kind: String, Sendable, CaseIterable {
        case name
        case identifier
        case date
    }

    /// Terms shorter than this are not matched: they occur in ordinary words and numbers.
    public static let minimumLength = 3

    /// The terms of each kind, uppercased.
    public let terms: [Kind: Set<String>]
    private let patterns: [(Kind, NSRegularExpression)]

    /// The terms of `source`; `options` says whether dates other than the birth date count.
    public init(source: DataSet, options: DeidentificationOptions) {
        var collected: [Kind: Set<String>] = [:]
        Self.collect(source, includeAllDates: !options.retainFullDates, into: &collected)
        terms = collected
        patterns = Kind.allCases.compactMap { kind in
            guard let words = collected[kind], !words.isEmpty else { return nil }
            // Longest first, so that a longer term wins over its own prefix when blanking.
            let sorted = words.sorted { $0.count > $1.count || ($0.count == $1.count && $0 < $1) }
            let alternatives = sorted.map { Self.boundedPattern(for: $0, kind: kind) }.joined(separator: "|")
            return (try? NSRegularExpression(pattern: alternatives, options: [.caseInsensitive])).map { (kind, $0) }
        }
    }

    /// The first kind of term `text` contains, or nil.
    public func firstMatch(in text: String) -> Kind? {
        let range = NSRange(text.startIndex..., in: text)
        return patterns.first { $0.1.firstMatch(in: text, range: range) != nil }?.0
    }

    /// `text` with every term replaced by `*`.
    public func blanked(_ text: String) -> String {
        patterns.reduce(text) { text, pattern in
            pattern.1.stringByReplacingMatches(
                in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "*")
        }
    }

    // MARK: - Collecting

    private static func collect(_ dataSet: DataSet, includeAllDates: Bool, into terms: inout [Kind: Set<String>]) {
        for element in dataSet.elements {
            let values = element.strings(characterSet: dataSet.characterSet)
            if element.vr == .PN {
                for value in values {
                    // The name as written in free text ("Family^Given", "Family^Given^Middle"…), so that
                    // it blanks to one `*`, and each of its parts.
                    let parts = value.split(separator: "^", omittingEmptySubsequences: false)
                    for count in stride(from: 2, through: parts.count, by: 1) {
                        let prefix = parts.prefix(count).joined(separator: "^")
                        insert(prefix.trimmingCharacters(in: CharacterSet(charactersIn: "^= ")), .name, into: &terms)
                    }
                    for part in value.split(whereSeparator: { "^= ,".contains($0) }) {
                        insert(String(part), .name, into: &terms)
                    }
                }
            } else if identifierTags.contains(element.tag) {
                for value in values { insert(value, .identifier, into: &terms) }
            } else if element.vr == .DA, includeAllDates || element.tag == birthDate {
                for value in values {
                    for rendering in renderings(of: value) { insert(rendering, .date, into: &terms) }
                }
            }
            for item in element.items { collect(item, includeAllDates: includeAllDates, into: &terms) }
        }
    }

    private static func insert(_ value: String, _ kind: Kind, into terms: inout [Kind: Set<String>]) {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard trimmed.count >= minimumLength else { return }
        terms[kind, default: []].insert(trimmed.uppercased())
    }

    /// The renderings of a DA value (`YYYYMMDD`, possibly with the ACR-NEMA dots); none when it is not a
    /// full date.
    static func renderings(of value: String) -> [String] {
        let digits = value.filter(\.isASCII).filter(\.isNumber)
        guard digits.count == 8, value.trimmingCharacters(in: .whitespaces).count <= 10 else { return [] }
        let year = String(digits.prefix(4))
        let month = String(digits.dropFirst(4).prefix(2))
        let day = String(digits.suffix(2))
        return [digits, "\(year)-\(month)-\(day)", "\(day).\(month).\(year)", "\(month)/\(day)/\(year)",
                "\(day)/\(month)/\(year)"]
    }

    /// A term as a whole word: not preceded or followed by a character of its own kind (a letter or a
    /// digit next to a name; a digit next to a date or next to an identifier's digits), so `ANN` does
    /// not match in `ANNUAL` but `12345` matches in `MRN12345`.
    private static func boundedPattern(for term: String, kind: Kind) -> String {
        let escaped = NSRegularExpression.escapedPattern(for: term)
        func guardFor(_ character: Character?) -> String {
            guard let character else { return "" }
            if kind == .name { return "[\\p{L}\\p{N}]" }
            return character.isNumber ? "[0-9]" : character.isLetter ? "\\p{L}" : ""
        }
        let before = guardFor(term.first)
        let after = guardFor(term.last)
        return (before.isEmpty ? "" : "(?<!\(before))") + escaped + (after.isEmpty ? "" : "(?!\(after))")
    }

    static let birthDate = AttributeTag(rawValue: 0x0010_0030)
    static let identifierTags: Set<AttributeTag> = [
        .patientID, Deidentifier.otherPatientIDs, AttributeTag(rawValue: 0x0008_0050),
        AttributeTag(rawValue: 0x0010_1090),
    ]
}
