/// Encodes data sets in the DICOM JSON Model (PS3.18 Annex F).
///
/// Each attribute becomes `"GGGGEEEE": {"vr": …, "Value": […]}`; PN values are objects with
/// `Alphabetic`/`Ideographic`/`Phonetic`; AT values are 8-hex-digit strings; DS, IS and the binary
/// numeric VRs are numbers (SV/UV beyond ±2^53 are strings, to keep their precision); OB, OD, OF, OL, OV, OW and UN are `InlineBinary` (base64); pixel data is a
/// `BulkDataURI` naming the file with the byte offset and length of its value, never its bytes.
/// Empty values have no `Value` key (§F.2.5); group length elements are omitted (§F.2.2).
public struct DICOMJSONModel: Sendable {
    /// The URI the bulk data references point into, e.g. `file:///lake/1.dcm`.
    public var bulkDataBaseURI: String
    /// Indent nested objects for reading; `false` gives one line per data set.
    public var prettyPrinted: Bool

    public init(bulkDataBaseURI: String, prettyPrinted: Bool = true) {
        self.bulkDataBaseURI = bulkDataBaseURI
        self.prettyPrinted = prettyPrinted
    }

    /// The JSON object for `dataSet` (meta group elements, if wanted, go in the data set passed).
    public func encode(_ dataSet: DataSet) -> String {
        var output = ""
        encode(dataSet, level: 0, into: &output)
        return output
    }

    // MARK: - Objects

    private func encode(_ dataSet: DataSet, level: Int, into output: inout String) {
        // Group lengths are left out (§F.2.2).
        let members = dataSet.elements.filter { !$0.tag.isGroupLength }.map { element in
            (JSONText.quoted(element.tag.jsonKey), attribute(element, in: dataSet, level: level + 1))
        }
        object(members, level: level, into: &output)
    }

    private func object(_ members: [(String, String)], level: Int, into output: inout String) {
        guard !members.isEmpty else {
            output += "{}"
            return
        }
        let newline = prettyPrinted ? "\n" : ""
        let inner = prettyPrinted ? String(repeating: "  ", count: level + 1) : ""
        let outer = prettyPrinted ? String(repeating: "  ", count: level) : ""
        output += "{" + newline
        for (index, member) in members.enumerated() {
            output += inner + member.0 + (prettyPrinted ? ": " : ":") + member.1
            output += (index == members.count - 1 ? "" : ",") + newline
        }
        output += outer + "}"
    }

    private func attribute(_ element: DataElement, in dataSet: DataSet, level: Int) -> String {
        var members = [("\"vr\"", JSONText.quoted(element.vr.name))]
        if let payload = payload(element, in: dataSet, level: level) { members.append(payload) }
        var output = ""
        object(members, level: level, into: &output)
        return output
    }

    private func array(_ values: [String]) -> String {
        "[" + values.joined(separator: prettyPrinted ? ", " : ",") + "]"
    }

    // MARK: - Values

    /// The `Value`, `InlineBinary` or `BulkDataURI` member; `nil` for an empty value.
    private func payload(_ element: DataElement, in dataSet: DataSet, level: Int) -> (String, String)? {
        switch element.value {
        case let .sequence(items):
            guard !items.isEmpty else { return nil }
            let encoded = items.map { item -> String in
                var output = ""
                encode(item, level: level + 1, into: &output)
                return output
            }
            return ("\"Value\"", array(encoded))
        case let .encapsulated(pixels):
            let end = (pixels.fragments.last ?? pixels.offsetTable).offset + (pixels.fragments.last ?? pixels.offsetTable).length + 8
            return bulkData(offset: element.valueOffset, length: end - element.valueOffset)
        case .notLoaded:
            return bulkData(offset: element.valueOffset, length: Int(element.length))
        case let .bytes(bytes):
            if element.tag == .pixelData { return bulkData(offset: element.valueOffset, length: bytes.count) }
            guard !bytes.isEmpty else { return nil }
            return leafValue(element, in: dataSet)
        }
    }

    private func bulkData(offset: Int, length: Int) -> (String, String) {
        ("\"BulkDataURI\"", JSONText.quoted("\(bulkDataBaseURI)?offset=\(offset)&length=\(length)"))
    }

    private func leafValue(_ element: DataElement, in dataSet: DataSet) -> (String, String)? {
        switch element.vr {
        case .OB, .OD, .OF, .OL, .OV, .OW, .UN:
            return ("\"InlineBinary\"", JSONText.quoted(Base64.encode(element.bytes)))
        case .PN:
            let names = element.personNames(characterSet: dataSet.characterSet).map { name -> String in
                let groups = [("Alphabetic", name.alphabetic), ("Ideographic", name.ideographic),
                              ("Phonetic", name.phonetic)].filter { !$0.1.isEmpty }
                guard !groups.isEmpty else { return "null" }
                var output = ""
                object(groups.map { (JSONText.quoted($0.0), JSONText.quoted($0.1)) }, level: 0, into: &output)
                return prettyPrinted ? output.replacingNewlines() : output
            }
            return ("\"Value\"", array(names))
        case .AT:
            return ("\"Value\"", array(element.attributeTags.map { JSONText.quoted($0.jsonKey) }))
        case .DS, .IS:
            let values = element.strings(characterSet: .default).map { text -> String in
                guard !text.isEmpty else { return "null" }
                return Double(text).map(JSONText.number) ?? JSONText.quoted(text)
            }
            return ("\"Value\"", array(values))
        case .US, .SS, .UL, .SL, .UV, .SV, .FL, .FD:
            let values: [String]
            switch element.vr {
            // Beyond ±2^53 a JSON number loses precision in most readers, so such values are strings (§F.2.3).
            case .UV: values = element.numbers(UInt64.self).map { $0 <= 1 << 53 ? String($0) : JSONText.quoted(String($0)) }
            case .SV: values = element.numbers(Int64.self).map { $0.magnitude <= 1 << 53 ? String($0) : JSONText.quoted(String($0)) }
            case .FL: values = element.floats.map { JSONText.number(Double("\($0)") ?? Double($0)) }
            default: values = (element.binaryNumbers ?? []).map(JSONText.number)
            }
            return ("\"Value\"", array(values))
        default:
            let values = element.strings(characterSet: dataSet.characterSet).map { text in
                text.isEmpty ? "null" : JSONText.quoted(text)
            }
            return values.isEmpty ? nil : ("\"Value\"", array(values))
        }
    }
}

extension String {
    /// Joins a pretty-printed small object onto one line.
    fileprivate func replacingNewlines() -> String {
        split(separator: "\n").map { $0.drop { $0 == " " } }.joined(separator: " ")
    }
}
