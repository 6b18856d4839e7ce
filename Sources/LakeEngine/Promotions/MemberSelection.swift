import Foundation

/// A `--select` filter choosing the members of a promotion, so a cohort is pinned exactly.
///
/// Terms are `key=value[,value…]` separated by spaces or `;`; a member matches when every term matches
/// (values of one term are alternatives). Keys: `modality`, `bodypart`, `description` (substring of the
/// series description), `assay`, `sample`, `format`, `study`, `series`, and `flags` with `none-open`,
/// `no-open-warnings` (no open warning or blocking flag) or `no-open-blocking`.
/// Example: `modality=CT bodypart=CHEST flags=no-open-warnings`.
public struct MemberSelection: Sendable, Hashable {
    /// The filter as given.
    public let text: String
    private let terms: [Term]

    private struct Term: Sendable, Hashable {
        var key: String
        var values: [String]
    }

    static let keys: Set<String> = [
        "modality", "bodypart", "description", "assay", "sample", "format", "study", "series", "flags",
    ]
    static let flagValues: Set<String> = ["none-open", "no-open-warnings", "no-open-blocking"]

    public init(_ text: String) throws {
        self.text = text
        var terms: [Term] = []
        for word in text.split(whereSeparator: { $0 == " " || $0 == ";" }) {
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, Self.keys.contains(parts[0].lowercased()), !parts[1].isEmpty else {
                throw GovernanceError.invalidFilter(
                    "Please write --select terms as key=value with a key among \(Self.keys.sorted().joined(separator: ", ")) (got '\(word)').")
            }
            let key = parts[0].lowercased()
            let values = parts[1].split(separator: ",").map(String.init)
            if key == "flags", let bad = values.first(where: { !Self.flagValues.contains($0) }) {
                throw GovernanceError.invalidFilter(
                    "Unknown flags value '\(bad)'; use \(Self.flagValues.sorted().joined(separator: ", ")).")
            }
            terms.append(Term(key: key, values: values))
        }
        self.terms = terms
    }

    /// Whether `entry` is selected, given the flags recorded on the version.
    func matches(_ entry: ManifestEntry, flags: [ManifestFlag]) -> Bool {
        terms.allSatisfy { term in
            term.values.contains { value in matches(term.key, value, entry, flags) }
        }
    }

    private func matches(_ key: String, _ value: String, _ entry: ManifestEntry, _ flags: [ManifestFlag]) -> Bool {
        func equal(_ field: String?) -> Bool { field?.caseInsensitiveCompare(value) == .orderedSame }
        switch key {
        case "modality": return equal(entry.modality)
        case "bodypart": return equal(entry.bodyPart)
        case "description": return entry.seriesDescription?.localizedCaseInsensitiveContains(value) ?? false
        case "assay": return equal(entry.assay)
        case "sample": return entry.sample?.split(separator: ",").contains { $0 == value } ?? false
        case "format": return equal(entry.format)
        case "study": return entry.studyUID == value
        case "series": return entry.seriesUID == value
        default:
            let targets = entry.flagTargets
            let open = flags.filter { $0.state == "open" && targets.contains($0.target) }
            switch value {
            case "none-open": return open.isEmpty
            case "no-open-warnings": return !open.contains { $0.severity == "warning" || $0.severity == "blocking" }
            default: return !open.contains { $0.severity == "blocking" }
            }
        }
    }
}
