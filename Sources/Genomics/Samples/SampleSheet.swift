/// A sequencing sample sheet: an Illumina `SampleSheet.csv` (`[Header]` … `[Data]` sections) or a plain
/// CSV whose header row has a sample column.
public struct SampleSheet {
    /// One sample row.
    public struct Row {
        /// The sample name (`Sample_Name`, else `Sample_ID`, else the first column naming a sample).
        public var sample: String
        /// The assay (WGS/WES/RNA/panel) when a column or the `[Header]` `Assay` says so.
        public var assay: String?
        /// Every column of the row, by header name.
        public var fields: [String: String]
    }

    /// The rows, in file order.
    public var rows: [Row] = []
    /// `[Header]` key/value pairs of an Illumina sheet.
    public var headerFields: [String: String] = [:]

    /// Parses CSV text (commas, optional double quotes, `\n` or `\r\n`).
    public init(text: String) throws {
        var section = ""
        var columns: [String]?
        for rawLine in text.split(omittingEmptySubsequences: true, whereSeparator: \.isLineEnd) {
            let line = String(rawLine)
            if line.hasPrefix("[") {
                section = line.prefix { $0 != "]" }.dropFirst().lowercased()
                columns = nil
                continue
            }
            let cells = SampleSheet.cells(of: line)
            if cells.allSatisfy(\.isEmpty) { continue }
            if section == "header" || section == "reads" || section == "settings" {
                if section == "header", cells.count >= 2 { headerFields[cells[0]] = cells[1] }
                continue
            }
            guard let names = columns else {
                columns = cells
                continue
            }
            var fields: [String: String] = [:]
            for (index, name) in names.enumerated() where index < cells.count { fields[name] = cells[index] }
            guard let sample = SampleSheet.sampleName(fields), !sample.isEmpty else { continue }
            let assayText = SampleSheet.value(fields, ["assay", "library_strategy", "description", "experiment"])
                ?? headerFields["Assay"] ?? headerFields["Application"]
            rows.append(Row(sample: sample, assay: assayText.flatMap(Assay.normalise), fields: fields))
        }
        guard columns != nil else {
            throw GenomicsError.malformedHeader(field: "sample column", "the sample sheet has no header row")
        }
    }

    private static func sampleName(_ fields: [String: String]) -> String? {
        value(fields, ["sample_name", "samplename", "sample", "sample_id", "sampleid"])
            ?? fields.first { $0.key.lowercased().contains("sample") }?.value
    }

    private static func value(_ fields: [String: String], _ names: [String]) -> String? {
        for name in names {
            if let found = fields.first(where: { $0.key.lowercased() == name }), !found.value.isEmpty {
                return found.value
            }
        }
        return nil
    }

    /// Splits one CSV line; double-quoted cells may hold commas and `""` quotes.
    static func cells(of line: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var quoted = false
        var previousQuote = false
        for character in line {
            if quoted {
                if character == "\"" { quoted = false; previousQuote = true } else { current.append(character) }
                continue
            }
            if character == "\"" {
                if previousQuote { current.append("\"") }
                quoted = true
            } else if character == "," {
                cells.append(current.trimmingSpaces())
                current = ""
            } else {
                current.append(character)
            }
            previousQuote = false
        }
        cells.append(current.trimmingSpaces())
        return cells
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}

// MARK: - Conformances

extension SampleSheet: Sendable {}
extension SampleSheet: Hashable {}
extension SampleSheet: Codable {}
extension SampleSheet.Row: Sendable {}
extension SampleSheet.Row: Hashable {}
extension SampleSheet.Row: Codable {}
