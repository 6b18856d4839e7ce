/// An error raised while reading or writing DICOM data.
///
/// Every reading error names the byte offset where it was found (in the file, or in the inflated
/// stream for deflated syntaxes) and, when known, the tag of the element being read. The
/// description never contains values, so patient data does not leak into logs.
public struct DICOMError: Error, Sendable, Hashable {
    /// What went wrong.
    public enum Kind: Sendable, Hashable {
        /// The bytes end inside an element header, a value or an item.
        case truncatedElement
        /// A length field points past the end of the data (or of the enclosing item or sequence).
        case lengthBeyondEnd(length: UInt32, remaining: Int)
        /// An explicit-VR header holds two bytes that name no value representation.
        case badVR(UInt8, UInt8)
        /// Sequences nest deeper than ``DICOMError/maximumNestingDepth``.
        case nestingTooDeep
        /// The bytes are neither a Part 10 file nor a recognisable bare data set.
        case notDICOM
        /// An item, item delimiter or sequence delimiter appears where it cannot.
        case unexpectedDelimiter
        /// The deflate stream of a deflated transfer syntax is corrupt.
        case inflateFailed(String)
        /// The file could not be read (`errno` from the system call).
        case io(errno: Int32)
        /// A value cannot be written, e.g. pixel data that was skipped when reading.
        case unwritableValue(String)
    }

    public let kind: Kind
    /// Byte offset where the problem was found.
    public let offset: Int
    /// The element being read, when known.
    public let tag: AttributeTag?
    /// The file, when the error came from reading one.
    public var path: String?

    /// Sequences may nest at most this deep; deeper data is refused to bound recursion.
    public static let maximumNestingDepth = 64

    public init(_ kind: Kind, offset: Int, tag: AttributeTag? = nil, path: String? = nil) {
        self.kind = kind
        self.offset = offset
        self.tag = tag
        self.path = path
    }
}

// MARK: - CustomStringConvertible

extension DICOMError: CustomStringConvertible {
    public var description: String {
        var text = path.map { "\($0): " } ?? ""
        switch kind {
        case .truncatedElement: text += "truncated element"
        case let .lengthBeyondEnd(length, remaining):
            text += "length \(length) exceeds the \(remaining) bytes remaining"
        case let .badVR(first, second):
            text += "invalid VR bytes 0x\(String(first, radix: 16)) 0x\(String(second, radix: 16))"
        case .nestingTooDeep: text += "sequences nested deeper than \(Self.maximumNestingDepth)"
        case .notDICOM: text += "not a DICOM file"
        case .unexpectedDelimiter: text += "unexpected item or delimiter"
        case let .inflateFailed(reason): text += "deflated data set is corrupt (\(reason))"
        case let .io(code): text += "cannot read file (errno \(code))"
        case let .unwritableValue(reason): text += "cannot write value: \(reason)"
        }
        if let tag { text += " at tag \(tag)" }
        text += " at byte offset \(offset)"
        return text
    }
}
