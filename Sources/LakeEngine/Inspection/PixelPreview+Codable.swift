import Foundation

// The wire form of an instance's preview (`GET /v1/inspections/instance`, docs/openapi.yaml): tagged by
// `kind`, with a frame's values as base64 of little-endian 32-bit integers, far smaller than JSON numbers.

// MARK: - PixelPreview

extension PixelPreview: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind, frame, transferSyntax, reason
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        switch kind {
        case "frame": self = .frame(try container.decode(PixelFrame.self, forKey: .frame))
        case "compressed": self = .compressed(transferSyntax: try container.decode(String.self, forKey: .transferSyntax))
        case "unavailable": self = .unavailable(reason: try container.decode(String.self, forKey: .reason))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container, debugDescription: "unknown preview kind '\(kind)'")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .frame(let frame):
            try container.encode("frame", forKey: .kind)
            try container.encode(frame, forKey: .frame)
        case .compressed(let transferSyntax):
            try container.encode("compressed", forKey: .kind)
            try container.encode(transferSyntax, forKey: .transferSyntax)
        case .unavailable(let reason):
            try container.encode("unavailable", forKey: .kind)
            try container.encode(reason, forKey: .reason)
        }
    }
}

// MARK: - PixelFrame

extension PixelFrame: Codable {
    private enum CodingKeys: String, CodingKey {
        case width, height, sourceWidth, sourceHeight, values, windowCenter, windowWidth, inverted
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let width = try container.decode(Int.self, forKey: .width)
        let height = try container.decode(Int.self, forKey: .height)
        guard let bytes = Data(base64Encoded: try container.decode(String.self, forKey: .values)) else {
            throw DecodingError.dataCorruptedError(
                forKey: .values, in: container, debugDescription: "pixel values are not base64")
        }
        let (count, overflow) = width.multipliedReportingOverflow(by: height)
        guard width >= 0, height >= 0, !overflow, count == bytes.count / 4, bytes.count % 4 == 0 else {
            throw DecodingError.dataCorruptedError(
                forKey: .values, in: container,
                debugDescription: "\(bytes.count) bytes of pixel values for a \(width)×\(height) frame")
        }
        self.init(
            width: width, height: height, sourceWidth: try container.decode(Int.self, forKey: .sourceWidth),
            sourceHeight: try container.decode(Int.self, forKey: .sourceHeight),
            values: stride(from: 0, to: bytes.count, by: 4).map { offset in
                let start = bytes.startIndex + offset
                return Int32(bitPattern: UInt32(bytes[start]) | UInt32(bytes[start + 1]) << 8
                    | UInt32(bytes[start + 2]) << 16 | UInt32(bytes[start + 3]) << 24)
            },
            windowCenter: try container.decode(Double.self, forKey: .windowCenter),
            windowWidth: try container.decode(Double.self, forKey: .windowWidth),
            inverted: try container.decode(Bool.self, forKey: .inverted))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(width, forKey: .width)
        try container.encode(height, forKey: .height)
        try container.encode(sourceWidth, forKey: .sourceWidth)
        try container.encode(sourceHeight, forKey: .sourceHeight)
        var bytes = Data(capacity: values.count * 4)
        for value in values { withUnsafeBytes(of: UInt32(bitPattern: value).littleEndian) { bytes.append(contentsOf: $0) } }
        try container.encode(bytes.base64EncodedString(), forKey: .values)
        try container.encode(windowCenter, forKey: .windowCenter)
        try container.encode(windowWidth, forKey: .windowWidth)
        try container.encode(inverted, forKey: .inverted)
    }
}
