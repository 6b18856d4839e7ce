/// The fields of an Illumina read name.
///
/// Casava 1.8+: `@instrument:run:flowcell:lane:tile:x:y read:filtered:control:index`;
/// older pipelines: `@instrument:lane:tile:x:y#index/read`.
public struct IlluminaReadName {
    /// The instrument identifier.
    public var instrument: String
    /// The run number (Casava 1.8+ only).
    public var run: String?
    /// The flowcell identifier (Casava 1.8+ only).
    public var flowcell: String?
    /// The flowcell lane.
    public var lane: String
    /// The mate number from the name, when present.
    public var mate: Int?
    /// The index (barcode) sequence or number, when present.
    public var index: String?

    /// Splits a read name (without the leading `@`); nil when it follows neither Illumina pattern.
    public init?(_ name: Substring) {
        let parts = name.split(separator: " ", maxSplits: 1)
        guard let identifier = parts.first else { return nil }
        let comment = parts.count > 1 ? parts[1] : nil
        let fields = identifier.split(separator: ":", omittingEmptySubsequences: false)
        if fields.count == 7, fields[3].allSatisfy(\.isNumber), !fields[3].isEmpty {
            instrument = String(fields[0])
            run = String(fields[1])
            flowcell = String(fields[2])
            lane = String(fields[3])
            let commentFields = comment?.split(separator: ":", omittingEmptySubsequences: false) ?? []
            mate = commentFields.first.flatMap { Int($0) }
            index = commentFields.count >= 4 ? String(commentFields[3]) : nil
            if mate == nil { mate = IlluminaReadName.slashMate(identifier) }
            return
        }
        guard fields.count == 5, fields[1].allSatisfy(\.isNumber), !fields[1].isEmpty else { return nil }
        instrument = String(fields[0])
        run = nil
        flowcell = nil
        lane = String(fields[1])
        mate = IlluminaReadName.slashMate(identifier)
        let last = fields[4]
        if let hash = last.firstIndex(of: "#") {
            index = String(last[last.index(after: hash)...].prefix { $0 != "/" })
        } else {
            index = nil
        }
    }

    /// The mate number of a name ending in `/1` or `/2`.
    static func slashMate(_ name: Substring) -> Int? {
        if name.hasSuffix("/1") { return 1 }
        if name.hasSuffix("/2") { return 2 }
        return nil
    }
}

// MARK: - Conformances

extension IlluminaReadName: Sendable {}
extension IlluminaReadName: Hashable {}
extension IlluminaReadName: Codable {}
