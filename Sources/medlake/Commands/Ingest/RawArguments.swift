import Foundation
import LakeEngine

/// The command line's arguments as the bytes the process received.
///
/// `CommandLine.arguments` (and so every parsed argument) decodes `argv` as UTF-8 and replaces invalid
/// bytes with U+FFFD, after which a file whose name is not UTF-8 cannot be opened. A path argument holding
/// U+FFFD is matched back to the raw `argv` entry it was decoded from.
enum RawArguments {
    /// `path` as the bytes it was given with: the raw `argv` entry that decodes to it, else its UTF-8.
    static func sourcePath(for path: String) -> SourcePath {
        guard path.unicodeScalars.contains("\u{FFFD}") else { return SourcePath(path) }
        let raw = (1..<Int(CommandLine.argc)).compactMap { index -> [UInt8]? in
            guard let argument = CommandLine.unsafeArgv[index] else { return nil }
            return Array(UnsafeRawBufferPointer(start: argument, count: strlen(argument)))
        }
        let matching = raw.filter { String(decoding: $0, as: UTF8.self) == path }
        // Two different byte strings decoding alike (say 0xFF and 0xFE) cannot be told apart here.
        guard let bytes = matching.first, matching.allSatisfy({ $0 == bytes }) else { return SourcePath(path) }
        return SourcePath(bytes: bytes)
    }
}
