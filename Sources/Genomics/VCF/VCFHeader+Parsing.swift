extension VCFHeader {
    /// Reads a whole header text (as BCF stores it, or as a VCF's `#` lines).
    public init(text: String) {
        self.init()
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: { $0.isLineEnd || $0 == "\0" }) {
            add(line: line)
        }
    }

    /// Adds one `##` meta line or the `#CHROM` line.
    mutating func add(line: Substring) {
        if line.hasPrefix("##") {
            addMeta(line.dropFirst(2))
        } else if line.hasPrefix("#CHROM") || line.hasPrefix("#") {
            addColumnHeader(line)
        } else {
            warnings.append("a header line does not start with '#'")
        }
    }

    private mutating func addMeta(_ body: Substring) {
        guard let equals = body.firstIndex(of: "=") else {
            warnings.append("a meta line has no '='")
            otherMeta.append(VCFMetaLine(key: String(body), value: ""))
            return
        }
        let key = String(body[..<equals])
        let value = body[body.index(after: equals)...]
        switch key {
        case "fileformat":
            fileFormat = String(value)
        case "reference":
            reference = String(value)
        case "source":
            sources.append(String(value))
        case "contig", "INFO", "FORMAT", "FILTER":
            guard let fields = VCFHeader.structuredFields(value) else {
                warnings.append("##\(key) is not a <key=value,…> list")
                otherMeta.append(VCFMetaLine(key: key, value: String(value)))
                return
            }
            guard let id = fields["ID"] else {
                warnings.append("##\(key) has no ID")
                return
            }
            if key == "contig" {
                contigs.append(VCFContig(id: id, length: fields["length"].flatMap { Int64($0) },
                                         assembly: fields["assembly"], index: fields["IDX"].flatMap { Int($0) }))
            } else {
                let definition = VCFFieldDefinition(id: id, number: fields["Number"], type: fields["Type"],
                                                    description: fields["Description"])
                switch key {
                case "INFO": info.append(definition)
                case "FORMAT": format.append(definition)
                default: filters.append(definition)
                }
            }
        default:
            otherMeta.append(VCFMetaLine(key: key, value: String(value)))
        }
    }

    private mutating func addColumnHeader(_ line: Substring) {
        hasColumnHeader = true
        var columns = line.split(separator: "\t", omittingEmptySubsequences: false)
        if columns.count < 8 {
            let spaced = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if spaced.count >= 8 {
                warnings.append("the #CHROM line is separated by spaces, not tabs")
                columns = spaced
            } else {
                warnings.append("the #CHROM line has fewer than 8 columns")
            }
        }
        samples = columns.count > 9 ? columns[9...].map(String.init) : []
    }

    /// Splits `<ID=x,Number=1,Description="a, b">` into its fields; quoted values may hold commas and
    /// `\"` escapes. Returns nil when the value is not wrapped in `<…>`.
    static func structuredFields(_ value: Substring) -> [String: String]? {
        guard value.hasPrefix("<"), value.hasSuffix(">"), value.count >= 2 else { return nil }
        let body = value.dropFirst().dropLast()
        var fields: [String: String] = [:]
        var key = ""
        var current = ""
        var readingKey = true
        var quoted = false
        var escaped = false
        for character in body {
            if readingKey {
                if character == "=" { readingKey = false } else if character == "," { key = "" } else {
                    key.append(character)
                }
                continue
            }
            if escaped {
                current.append(character)
                escaped = false
            } else if quoted {
                if character == "\\" { escaped = true } else if character == "\"" { quoted = false } else {
                    current.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields[key] = current
                key = ""
                current = ""
                readingKey = true
            } else {
                current.append(character)
            }
        }
        if !readingKey { fields[key] = current }
        return fields
    }
}
