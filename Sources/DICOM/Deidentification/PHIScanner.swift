/// Re-scans a de-identified data set for identifying data, independently of the transform that made it.
///
/// Promotion to the curated zone trusts this scan, not the transform: every attribute the profile
/// removes must be absent, emptied ones empty, private attributes gone (unless from a safe creator),
/// PatientIdentityRemoved = YES, and — when the original is given — no original UID may survive, no
/// shifted date may equal its original, and no text attribute (LO, LT, ST, UT, SH, PN, UC) anywhere —
/// nested sequences and retained private attributes included — may contain a name, identifier or date
/// of the original (``IdentityTerms``). Findings name the attribute, never the value.
public enum PHIScanner {
    /// Findings in `output`; empty when it is clean. `original` enables the comparisons with the source.
    public static func scan(
        _ output: DataSet, original: DataSet? = nil, options: DeidentificationOptions
    ) -> [PHIFinding] {
        var findings: [PHIFinding] = []
        if output.string(Deidentifier.patientIdentityRemoved)?.uppercased() != "YES" {
            findings.append(PHIFinding(
                path: Deidentifier.patientIdentityRemoved.description, keyword: "PatientIdentityRemoved",
                reason: "not YES"))
        }
        let context = Context(
            options: options, originalUIDs: original.map(uids(in:)) ?? [],
            terms: original.map { IdentityTerms(source: $0, options: options) })
        scan(output, original: original, path: "", context, into: &findings)
        return findings
    }

    struct Context {
        let options: DeidentificationOptions
        let originalUIDs: Set<String>
        let terms: IdentityTerms?
    }

    /// The value representations holding free text, searched for the original's identity.
    public static let textVRs: Set<VR> = [.LO, .LT, .ST, .UT, .SH, .PN, .UC]

    private static func scan(
        _ dataSet: DataSet, original: DataSet?, path: String, _ context: Context, into findings: inout [PHIFinding]
    ) {
        for element in dataSet.elements {
            let here = path + element.tag.description
            let keyword = DataDictionary.entry(for: element.tag)?.keyword ?? (element.tag.isPrivate ? "private" : "")
            func report(_ reason: String) { findings.append(PHIFinding(path: here, keyword: keyword, reason: reason)) }

            let values = element.strings(characterSet: dataSet.characterSet)
            if textVRs.contains(element.vr), let kind = context.terms?.firstMatch(in: values.joined(separator: "\\")) {
                report("contains a \(kind.rawValue) of the source's identity")
            }
            if element.tag.isPrivate {
                let creator = element.tag.isPrivateCreator
                    ? values.first
                    : dataSet.privateCreator(of: element.tag)
                if !context.options.safePrivateCreators.contains(creator?.trimmingCharacters(in: .whitespaces) ?? "") {
                    report("private attribute of an unlisted creator")
                }
            } else {
                var kept = false
                if let entry = BasicProfile.entry(for: element.tag) {
                    kept = context.options.optionAction(for: entry)?.action == .keep
                    check(entry, element, values, original: original, context, report)
                }
                if element.vr == .UI, !kept, values.contains(where: context.originalUIDs.contains) {
                    report("original UID kept")
                }
            }
            for (index, item) in element.items.enumerated() {
                scan(item, original: nil, path: here + "[\(index)]>", context, into: &findings)
            }
        }
    }

    private static func check(
        _ entry: ProfileEntry, _ element: DataElement, _ values: [String], original: DataSet?, _ context: Context,
        _ report: (String) -> Void
    ) {
        let options = context.options
        let nonEmpty = values.contains { !$0.isEmpty } || !element.items.isEmpty
        if let (option, action) = options.optionAction(for: entry) {
            switch action {
            case .keep:
                return
            case .remove:
                report("present; the profile removes it under \(option.rawValue)")
            case .clean where option == .retainLongitudinalModifiedDates:
                if element.vr == .TM { return }
                if let before = original?[element.tag], nonEmpty,
                    before.strings(characterSet: original?.characterSet ?? .default) == values
                {
                    report("date not shifted")
                }
            case .clean:
                return  // the text of every attribute is searched for the original's identity
            }
            return
        }
        switch entry.action {
        case .remove: report("present; the profile removes it")
        case .empty: if nonEmpty { report("not empty; the profile empties it") }
        case .dummy:
            let dummy = String(decoding: Deidentifier.dummyValue(for: element.vr), as: UTF8.self)
            if element.vr != .UI, nonEmpty, !element.items.isEmpty || values != [dummy] {
                report("not the dummy value; the profile replaces it")
            }
        case .pseudonym, .remapUID: return  // compared with the original values above
        }
    }

    /// Every instance UID in `dataSet` (standard class and syntax UIDs under 1.2.840.10008 excluded).
    static func uids(in dataSet: DataSet) -> Set<String> {
        var found: Set<String> = []
        for element in dataSet.elements {
            if element.vr == .UI {
                for value in element.strings(characterSet: dataSet.characterSet)
                where !value.isEmpty && !value.hasPrefix("1.2.840.10008.") {
                    found.insert(value)
                }
            }
            for item in element.items { found.formUnion(uids(in: item)) }
        }
        return found
    }
}
