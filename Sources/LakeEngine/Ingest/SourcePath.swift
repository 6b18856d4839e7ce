import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A path to a file being ingested, as the file system names it: bytes, which need not be UTF-8.
///
/// Linux file names are any bytes but `/` and NUL. A Swift `String` cannot hold a name that is not UTF-8
/// (decoding replaces the invalid bytes, and the file can then no longer be opened), so ingest walks and
/// opens files by these bytes and uses ``text`` only to name them.
///
/// ```swift
/// let path = SourcePath("/data/in").appending(component: [0x73, 0xFF, 0xFE])
/// path.text  // "/data/in/s\xFF\xFE"
/// ```
public struct SourcePath: Sendable, Hashable {
    /// The path's bytes, without a terminating NUL.
    public let bytes: [UInt8]

    public init(_ path: String) {
        bytes = Array(path.utf8)
    }

    /// A path from its bytes as the system gave them (a folder listing, `argv`).
    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// `self/component`.
    func appending(component: [UInt8]) -> SourcePath {
        SourcePath(bytes: bytes + [UInt8(ascii: "/")] + component)
    }

    /// The path as text when its bytes are valid UTF-8; nil otherwise.
    var validText: String? { String(validating: bytes, as: UTF8.self) }

    /// The bytes when they are not valid UTF-8 (what the catalog keeps besides ``text``); nil otherwise.
    var nonUTF8Bytes: [UInt8]? { validText == nil ? bytes : nil }

    /// The path as the catalog and reports name it: the path itself when it is UTF-8; otherwise the valid
    /// UTF-8 runs as they are and every byte of an invalid sequence written `\xHH` (upper-case hex).
    ///
    /// Readable, and never holds an invalid byte or a U+FFFD that hides which bytes were there. It is a
    /// name, not an identity: a UTF-8 name spelled with a literal `\xFF` reads the same, so the catalog
    /// also keeps the exact bytes (`datasetFile.pathBytes`).
    public var text: String { validText ?? Self.escaped(bytes) }

    /// Runs `body` with a NUL-terminated copy of the bytes, for system calls.
    func withCString<Result>(_ body: (UnsafePointer<CChar>) throws -> Result) rethrows -> Result {
        let characters = bytes.map { CChar(bitPattern: $0) } + [0]
        return try body(characters)
    }

    /// Runs `body` with a `String` path through which the file reads: ``validText`` itself, else
    /// `/dev/fd/N` of a descriptor opened by the bytes (the readers of Storage, DICOM and Genomics take
    /// `String` paths; reopening the descriptor's entry reads the same file).
    func withReadablePath<Result>(_ body: (String) throws -> Result) throws -> Result {
        if let validText { return try body(validText) }
        let descriptor = withCString { open($0, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else { throw SourcePathError(path: text, errno: errno) }
        defer { close(descriptor) }
        return try body("/dev/fd/\(descriptor)")
    }

    /// `bytes` with each byte of every invalid UTF-8 sequence written `\xHH`.
    static func escaped(_ bytes: [UInt8]) -> String {
        var text = ""
        var index = 0
        while index < bytes.count {
            let length = validSequenceLength(bytes, at: index)
            if length > 0 {
                text += String(decoding: bytes[index..<index + length], as: UTF8.self)
                index += length
            } else {
                text += String(format: "\\x%02X", bytes[index])
                index += 1
            }
        }
        return text
    }

    /// The length of the valid UTF-8 sequence starting at `index`, or 0 when none starts there.
    private static func validSequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return 0
        }
        guard index + length <= bytes.count else { return 0 }
        return String(validating: bytes[index..<index + length], as: UTF8.self) == nil ? 0 : length
    }
}

/// A source file that could not be opened by its bytes.
struct SourcePathError: Error, CustomStringConvertible {
    /// ``SourcePath/text`` of the file.
    var path: String
    var errno: Int32

    var description: String { "cannot open \(path): \(String(cString: strerror(errno)))" }
}
