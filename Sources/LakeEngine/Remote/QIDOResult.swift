/// One result of a QIDO-RS search in the DICOM JSON model (PS3.18 F.2): attributes by tag, each with
/// `vr` and `Value`. Only string values are kept; others decode as absent.
struct QIDOResult: Decodable, Sendable {
    private var attributes: [String: Attribute]

    struct Attribute: Decodable, Sendable {
        var strings: [String]

        enum CodingKeys: String, CodingKey { case value = "Value" }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            strings = (try? container.decodeIfPresent([LossyString].self, forKey: .value))?.compactMap(\.value) ?? []
        }
    }

    private struct LossyString: Decodable, Sendable {
        var value: String?
        init(from decoder: any Decoder) throws {
            value = try? decoder.singleValueContainer().decode(String.self)
        }
    }

    init(from decoder: any Decoder) throws {
        attributes = try decoder.singleValueContainer().decode([String: Attribute].self)
    }

    /// The first string value of the attribute with tag `tag` (8 hex digits, `0020000D`).
    func string(_ tag: String) -> String? {
        attributes[tag]?.strings.first.flatMap { $0.isEmpty ? nil : $0 }
    }

    static let studyInstanceUID = "0020000D"
    static let seriesInstanceUID = "0020000E"
    static let sopInstanceUID = "00080018"
}
