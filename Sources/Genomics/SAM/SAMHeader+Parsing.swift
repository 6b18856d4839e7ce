extension SAMHeader {
    /// Reads SAM header text (the `@` lines). Accepts `\n` or `\r\n` line ends and stops at a NUL, since
    /// BAM headers may be padded with NULs.
    public init(text: String) {
        self.init()
        let content = text.split(separator: "\0", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        for line in content.split(omittingEmptySubsequences: true, whereSeparator: \.isLineEnd) {
            add(line: line)
        }
    }

    /// Adds one header line (without its line end).
    mutating func add(line: Substring) {
        let type = line.prefix(3)
        guard type.count == 3, type.first == "@" else {
            warnings.append("a header line does not start with '@XX'")
            otherLines.append(String(line))
            return
        }
        if type == "@CO" {
            let text = line.dropFirst(3)
            comments.append(String(text.first == "\t" ? text.dropFirst() : text))
            return
        }
        let fields = tags(of: line, recordType: String(type))
        switch type {
        case "@HD":
            version = fields["VN"]
            sortOrder = fields["SO"]
            groupOrder = fields["GO"]
        case "@SQ":
            guard let name = fields["SN"] else {
                warnings.append("an @SQ line has no SN")
                return
            }
            let length = fields["LN"].flatMap { Int64($0) }
            if length == nil { warnings.append("@SQ \(name) has no valid LN") }
            references.append(SAMReference(name: name, length: length, md5: fields["M5"], assembly: fields["AS"],
                                           species: fields["SP"], uri: fields["UR"]))
        case "@RG":
            guard let id = fields["ID"] else {
                warnings.append("an @RG line has no ID")
                return
            }
            readGroups.append(SAMReadGroup(id: id, sample: fields["SM"], platform: fields["PL"],
                                           library: fields["LB"], platformUnit: fields["PU"],
                                           center: fields["CN"], date: fields["DT"],
                                           description: fields["DS"], fields: fields))
        case "@PG":
            guard let id = fields["ID"] else {
                warnings.append("a @PG line has no ID")
                return
            }
            programs.append(SAMProgram(id: id, name: fields["PN"], version: fields["VN"],
                                       commandLine: fields["CL"], previousID: fields["PP"]))
        default:
            otherLines.append(String(line))
        }
    }

    /// Splits `TAG:value` fields on tabs; a piece that does not start with a two-character tag and a colon
    /// continues the previous value (a tab inside a value).
    private mutating func tags(of line: Substring, recordType: String) -> [String: String] {
        var fields: [String: String] = [:]
        var lastTag: String?
        var warnedTab = false
        for piece in line.split(separator: "\t", omittingEmptySubsequences: false).dropFirst() {
            if SAMHeader.isTagged(piece) {
                let tag = String(piece.prefix(2))
                fields[tag] = String(piece.dropFirst(3))
                lastTag = tag
            } else if let tag = lastTag {
                fields[tag, default: ""] += "\t" + piece
                if !warnedTab {
                    warnings.append("\(recordType) \(tag) holds a tab inside its value")
                    warnedTab = true
                }
            } else if !piece.isEmpty {
                warnings.append("\(recordType) has a field without a TAG: prefix")
            }
        }
        return fields
    }

    private static func isTagged(_ piece: Substring) -> Bool {
        let bytes = piece.utf8
        guard bytes.count >= 3 else { return false }
        var index = bytes.startIndex
        let first = bytes[index]
        index = bytes.index(after: index)
        let second = bytes[index]
        index = bytes.index(after: index)
        return isAlpha(first) && (isAlpha(second) || (second >= 0x30 && second <= 0x39)) && bytes[index] == 0x3a
    }

    private static func isAlpha(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a)
    }
}
