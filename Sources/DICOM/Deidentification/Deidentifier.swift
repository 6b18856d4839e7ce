import Foundation

/// Applies the Basic Application Level Confidentiality Profile (PS3.15 Annex E) to a data set.
///
/// Every attribute the profile lists gets its action (``BasicProfile``) unless an enabled option
/// retains it; sequences are processed item by item, so identifiers nested at any depth are handled;
/// private attributes are removed unless their creator is listed as safe (those are kept as they are:
/// the ``PHIScanner`` still checks them). Text the profile keeps — cleaned descriptions, attributes it
/// does not list, attributes an option retains — has the source's names, identifiers and dates
/// (``IdentityTerms``) blanked out. The result says so:
/// PatientIdentityRemoved = YES, DeidentificationMethod and DeidentificationMethodCodeSequence name the
/// profile and the options used. UIDs, pseudonyms and date offsets come from ``DeidentificationKeying``,
/// so the same inputs always give the same output.
///
/// Thread-safety: a value type with no shared state; use from any thread.
public struct Deidentifier: Sendable {
    public let options: DeidentificationOptions
    public let keying: any DeidentificationKeying

    public init(options: DeidentificationOptions, keying: any DeidentificationKeying) {
        self.options = options
        self.keying = keying
    }

    /// The de-identified copy of `dataSet`.
    public func deidentify(_ dataSet: DataSet) -> DataSet {
        let patientID = dataSet.string(.patientID) ?? ""
        let context = Context(
            patientID: patientID,
            shiftDays: options.shiftDates ? keying.dateShiftDays(forPatient: patientID) : 0,
            terms: IdentityTerms(source: dataSet, options: options))
        var output = process(dataSet, context)
        output.set(.text(Self.patientIdentityRemoved, .CS, "YES"))
        let meanings = options.methodCodes.map { String($0.meaning.prefix(64)) }
        output.set(DataElement(
            tag: Self.deidentificationMethod, vr: .LO, value: .bytes(Array(meanings.joined(separator: "\\").utf8))))
        let codes = options.methodCodes.map { code in
            DataSet(elements: [
                .text(Self.codeValue, .SH, code.value), .text(Self.codingSchemeDesignator, .SH, "DCM"),
                .text(Self.codeMeaning, .LO, code.meaning),
            ])
        }
        output.set(.sequence(Self.deidentificationMethodCodeSequence, codes))
        let temporal = options.retainFullDates ? "UNMODIFIED" : options.shiftDates ? "MODIFIED" : "REMOVED"
        output.set(.text(Self.longitudinalTemporalInformationModified, .CS, temporal))
        return output
    }

    // MARK: - Walking

    struct Context {
        let patientID: String
        let shiftDays: Int
        /// Names, identifiers and dates of the source, blanked out of the descriptions kept.
        let terms: IdentityTerms
    }

    private func process(_ dataSet: DataSet, _ context: Context) -> DataSet {
        var output = DataSet(elements: [], characterSet: dataSet.characterSet)
        for element in dataSet.elements {
            if element.tag.isPrivate {
                if keepsPrivate(element, in: dataSet) { output.elements.append(element) }
                continue
            }
            if let entry = BasicProfile.entry(for: element.tag) {
                if let replaced = apply(entry, to: element, in: dataSet, context) { output.elements.append(replaced) }
                continue
            }
            if case .sequence(let items) = element.value {
                var copy = element
                copy.value = .sequence(items.map { process($0, context) })
                output.elements.append(copy)
                continue
            }
            if let kept = scrubbed(element, characterSet: dataSet.characterSet, terms: context.terms) {
                output.elements.append(kept)
            }
        }
        return output
    }

    /// An attribute the profile keeps (unlisted, or retained by an option), with any name, identifier or
    /// date of the source blanked out of its text; unchanged when it holds none. Free text the profile
    /// does not list (a detector description, an algorithm note) is where typed identities hide.
    private func scrubbed(_ element: DataElement, characterSet: SpecificCharacterSet, terms: IdentityTerms)
        -> DataElement?
    {
        guard PHIScanner.textVRs.contains(element.vr),
            terms.firstMatch(in: element.strings(characterSet: characterSet).joined(separator: "\\")) != nil
        else { return element }
        return cleaned(element, characterSet: characterSet, terms: terms)
    }

    private func keepsPrivate(_ element: DataElement, in dataSet: DataSet) -> Bool {
        guard !options.safePrivateCreators.isEmpty else { return false }
        let creator = element.tag.isPrivateCreator
            ? element.strings(characterSet: dataSet.characterSet).first
            : dataSet.privateCreator(of: element.tag)
        guard let creator else { return false }
        return options.safePrivateCreators.contains(creator.trimmingCharacters(in: .whitespaces))
    }

    private func apply(_ entry: ProfileEntry, to element: DataElement, in dataSet: DataSet, _ context: Context)
        -> DataElement?
    {
        if let (option, action) = options.optionAction(for: entry) {
            switch action {
            case .keep:
                if case .sequence = element.value { return recursed(element, context) }
                return scrubbed(element, characterSet: dataSet.characterSet, terms: context.terms)
            case .remove:
                return nil
            case .clean where option == .retainLongitudinalModifiedDates:
                return shifted(element, by: context.shiftDays, characterSet: dataSet.characterSet)
            case .clean:
                if case .sequence = element.value { return recursed(element, context) }
                return cleaned(element, characterSet: dataSet.characterSet, terms: context.terms)
            }
        }
        var copy = element
        switch entry.action {
        case .remove:
            return nil
        case .empty:
            if case .sequence = element.value {
                copy.value = .sequence([])
                return copy
            }
            copy.value = .bytes([])
        case .dummy:
            if case .sequence = element.value {
                copy.value = .sequence([])
                return copy
            }
            if element.vr == .UI { return remapped(element, characterSet: dataSet.characterSet) }
            copy.value = .bytes(Self.dummyValue(for: element.vr))
        case .pseudonym:
            let own = element.tag == .patientID ? (dataSet.string(.patientID) ?? context.patientID) : context.patientID
            copy.value = .bytes(Array(keying.pseudonym(forPatient: own).utf8))
        case .remapUID:
            if case .sequence = element.value { return recursed(element, context) }
            return remapped(element, characterSet: dataSet.characterSet)
        }
        copy.length = UInt32(clamping: copy.bytes.count)
        return copy
    }

    /// A sequence with every item de-identified in turn; any other element unchanged.
    private func recursed(_ element: DataElement, _ context: Context) -> DataElement {
        guard case .sequence(let items) = element.value else { return element }
        var copy = element
        copy.value = .sequence(items.map { process($0, context) })
        return copy
    }

    private func remapped(_ element: DataElement, characterSet: SpecificCharacterSet) -> DataElement {
        var copy = element
        let uids = element.strings(characterSet: characterSet).map { $0.isEmpty ? $0 : keying.remapUID($0) }
        copy.value = .bytes(Array(uids.joined(separator: "\\").utf8))
        copy.length = UInt32(clamping: copy.bytes.count)
        return copy
    }

    /// A dummy value consistent with `vr` (PS3.15 "D"): a fixed word for text, the epoch of DICOM dates
    /// for dates and times, zero for numbers in text, nothing for binary values.
    static func dummyValue(for vr: VR) -> [UInt8] {
        let text: String
        switch vr {
        case .DA: text = "19000101"
        case .DT: text = "19000101000000"
        case .TM: text = "000000"
        case .AS: text = "000Y"
        case .IS, .DS: text = "0"
        case .AE, .CS, .LO, .LT, .PN, .SH, .ST, .UC, .UT: text = "ANONYMIZED"
        default: return []
        }
        return Array(text.utf8)
    }

    // MARK: - Options

    /// A DA or DT value moved back by `days`; times are kept (only the date identifies).
    private func shifted(_ element: DataElement, by days: Int, characterSet: SpecificCharacterSet) -> DataElement? {
        guard element.vr == .DA || element.vr == .DT else { return element.vr == .TM ? element : nil }
        var values: [String] = []
        for value in element.strings(characterSet: characterSet) {
            guard value.count >= 8, let date = Self.shiftedDate(String(value.prefix(8)), by: -days) else {
                if value.isEmpty { values.append(value); continue }
                return nil
            }
            values.append(date + value.dropFirst(8))
        }
        var copy = element
        copy.value = .bytes(Array(values.joined(separator: "\\").utf8))
        copy.length = UInt32(clamping: copy.bytes.count)
        return copy
    }

    /// A description with every name, identifier and date of the source (``IdentityTerms``) blanked out,
    /// or nil when the value is not plain ASCII in a non-UTF-8 character set (rewriting it could corrupt
    /// the encoding, so it is removed).
    private func cleaned(_ element: DataElement, characterSet: SpecificCharacterSet, terms: IdentityTerms)
        -> DataElement?
    {
        let isUTF8 = characterSet.terms.contains("ISO_IR 192")
        guard isUTF8 || element.bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        let text = terms.blanked(element.strings(characterSet: characterSet).joined(separator: "\\"))
        var copy = element
        copy.value = .bytes(Array(text.utf8))
        copy.length = UInt32(clamping: copy.bytes.count)
        return copy
    }

    /// `yyyyMMdd` moved by `days` in the proleptic Gregorian calendar, or nil when it is not a date.
    static func shiftedDate(_ text: String, by days: Int) -> String? {
        guard let parsed = DICOMDateTime(date: text), let month = parsed.month, let day = parsed.day else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        guard let date = calendar.date(from: DateComponents(year: parsed.year, month: month, day: day)),
            let moved = calendar.date(byAdding: .day, value: days, to: date)
        else { return nil }
        let parts = calendar.dateComponents([.year, .month, .day], from: moved)
        guard let year = parts.year, let newMonth = parts.month, let newDay = parts.day, year > 0, year < 10000 else {
            return nil
        }
        return String(format: "%04d%02d%02d", year, newMonth, newDay)
    }

    // MARK: - Tags

    static let otherPatientIDs = AttributeTag(rawValue: 0x0010_1000)
    static let patientIdentityRemoved = AttributeTag(rawValue: 0x0012_0062)
    static let deidentificationMethod = AttributeTag(rawValue: 0x0012_0063)
    static let deidentificationMethodCodeSequence = AttributeTag(rawValue: 0x0012_0064)
    static let longitudinalTemporalInformationModified = AttributeTag(rawValue: 0x0028_0303)
    static let codeValue = AttributeTag(rawValue: 0x0008_0100)
    static let codingSchemeDesignator = AttributeTag(rawValue: 0x0008_0102)
    static let codeMeaning = AttributeTag(rawValue: 0x0008_0104)
}
