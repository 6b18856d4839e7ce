/// One line of a readable, `dcmdump`-like listing of a data set.
///
/// The text fields hold data from the file as is; whoever prints them must sanitize them for the
/// terminal (the CLI uses `SafeText`).
public struct DumpLine: Sendable, Equatable {
    /// Nesting level: 0 for top-level elements, +1 inside each item.
    public var depth: Int
    /// `(gggg,eeee)`, or `(FFFE,E000)` for an item.
    public var tag: AttributeTag
    /// The VR, or `nil` for item lines.
    public var vr: VR?
    /// The keyword, `Item #n`, or `Private: <creator>` for private elements.
    public var label: String
    /// The value as text (values joined by `\`), or a summary for binary and bulk data.
    public var value: String

    /// Builds the lines for `dataSet`, items expanded and indented.
    public static func lines(for dataSet: DataSet, depth: Int = 0) -> [DumpLine] {
        var lines: [DumpLine] = []
        for element in dataSet.elements {
            lines.append(DumpLine(depth: depth, tag: element.tag, vr: element.vr, label: label(element, in: dataSet),
                                  value: summary(element, in: dataSet)))
            for (number, item) in element.items.enumerated() {
                lines.append(DumpLine(depth: depth + 1, tag: .item, vr: nil, label: "Item #\(number + 1)",
                                      value: "\(item.elements.count) elements"))
                lines += Self.lines(for: item, depth: depth + 2)
            }
        }
        return lines
    }

    private static func label(_ element: DataElement, in dataSet: DataSet) -> String {
        if element.tag.isPrivate {
            if element.tag.isPrivateCreator { return "PrivateCreator" }
            return "Private: " + (dataSet.privateCreator(of: element.tag) ?? "unknown creator")
        }
        if element.tag.isGroupLength { return "GroupLength" }
        return DataDictionary.entry(for: element.tag)?.keyword ?? "Unknown"
    }

    private static func summary(_ element: DataElement, in dataSet: DataSet) -> String {
        switch element.value {
        case let .sequence(items):
            return "\(items.count) item\(items.count == 1 ? "" : "s")"
        case let .encapsulated(pixels):
            let total = pixels.fragments.reduce(0) { $0 + $1.length }
            return "encapsulated: \(pixels.fragments.count) fragments, \(total) bytes, offset table \(pixels.offsetTable.length) bytes"
        case .notLoaded:
            return "not loaded: \(element.length) bytes at offset \(element.valueOffset)"
        case let .bytes(bytes):
            if element.tag == .pixelData { return "\(bytes.count) bytes at offset \(element.valueOffset)" }
            if let numbers = element.binaryNumbers {
                return numbers.map(JSONText.number).joined(separator: "\\")
            }
            switch element.vr {
            case .AT:
                return element.attributeTags.map(\.description).joined(separator: "\\")
            case .OB, .OD, .OF, .OL, .OV, .OW, .UN:
                let shown = bytes.prefix(16).map { byte in
                    let hex = String(byte, radix: 16)
                    return byte < 16 ? "0" + hex : hex
                }.joined(separator: " ")
                return bytes.count > 16 ? "\(shown) … (\(bytes.count) bytes)" : shown
            default:
                switch element.decodedText(characterSet: dataSet.characterSet) {
                case .text:
                    return "[" + element.strings(characterSet: dataSet.characterSet).joined(separator: "\\") + "]"
                case let .undecodable(raw, terms):
                    return "(\(raw.count) bytes in unsupported character set \(terms.joined(separator: "\\")))"
                }
            }
        }
    }
}
