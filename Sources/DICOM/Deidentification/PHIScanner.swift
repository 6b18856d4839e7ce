/// Re-scans a de-identified data set for identifying data, independently of the transform that made it.
///
/// Promotion to the curated zone trusts this scan, not the transform: every attribute the profile
/// removes must be absent, emptied ones empty, private attributes gone (unless from a safe creator),
/// PatientIdentityRemoved = YES, and — when the original is given — no original UID, patient name or
/// identifier may survive anywhere, and no shifted date may equal its original.
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
        let originalUIDs = original.map(uids(in:)) ?? []
        var secrets: [String] = []
        if let original {
            secrets += [original.string(.patientName), original.string(.patientID)].compactMap { $0 }
            secrets += original.strings(Deidentifier.otherPatientIDs)
        }
        let context = Context(
            options: options, originalUIDs: originalUIDs, secrets: secrets.filter { $0.count >= 3 },
            identifiers: original.map(Deidentifier.identifyingWords(of:)) ?? [])
        scan(output, original: original, path: "", context, into: &findings)
        return findings
    }

    struct Context {
        let options: DeidentificationOptions
        let originalUIDs: Set<String>
        let secrets: [String]
        let identifiers: [String]
    }

    private static func scan(
        _ dataSet: DataSet, original: DataSet?, path: String, _ context: Context, into findings: inout [PHIFinding]
    ) {
        for element in dataSet.elements {
            let here = path + element.tag.description
            let keyword = DataDictionary.entry(for: element.tag)?.keyword ?? (element.tag.isPrivate ? "private" : "")
            func report(_ reason: String) { findings.append(PHIFinding(path: here, keyword: keyword, reason: reason)) }

            if element.tag.isPrivate {
                let creator = element.tag.isPrivateCreator
                    ? element.strings(characterSet: dataSet.characterSet).first
                    : dataSet.privateCreator(of: element.tag)
                if !context.options.safePrivateCreators.contains(creator ?? "") { report("private attribute of an unlisted creator") }
                continue
            }
            let values = element.strings(characterSet: dataSet.characterSet)
            var kept = false
            if let entry = BasicProfile.entry(for: element.tag) {
                kept = context.options.optionAction(for: entry)?.action == .keep
                check(entry, element, values, original: original, context, report)
            }
            if element.vr == .UI, !kept, values.contains(where: context.originalUIDs.contains) {
                report("original UID kept")
            }
            if [.PN, .LO, .SH, .LT, .ST, .UT, .UC].contains(element.vr) {
                let text = values.joined(separator: "\\").lowercased()
                if context.secrets.contains(where: { text.contains($0.lowercased()) }) {
                    report("contains the patient's original name or identifier")
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
                let text = values.joined(separator: "\\").lowercased()
                if context.identifiers.contains(where: { text.contains($0.lowercased()) }) {
                    report("description still names the patient")
                }
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
