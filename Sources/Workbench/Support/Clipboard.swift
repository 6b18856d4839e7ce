import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where `y` puts a value: the terminal's clipboard through OSC 52 (`ESC ] 52 ; c ; BASE64 BEL`),
/// which xterm, kitty, iTerm2, WezTerm and tmux (`set-clipboard on`) honour, also over SSH.
///
/// The sequence goes straight to `/dev/tty`: it draws nothing, so curses' idea of the screen stays
/// true. The value is base64-encoded, so untrusted text cannot end the sequence early. Tests inject
/// a clipboard that records what was copied.
public struct Clipboard: Sendable {
    let copy: @Sendable (String) throws -> Void

    public init(copy: @escaping @Sendable (String) throws -> Void) {
        self.copy = copy
    }

    /// The OSC 52 sequence that sets the clipboard to `text`.
    static func osc52(_ text: String) -> [UInt8] {
        Array(("\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}").utf8)
    }

    /// Writes OSC 52 to the controlling terminal.
    public static let terminal = Clipboard { text in
        let fd = open("/dev/tty", O_WRONLY | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw ClipboardError(errno: errno) }
        defer { close(fd) }
        let bytes = osc52(text)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if result < 0 {
                if errno == EINTR { continue }
                throw ClipboardError(errno: errno)
            }
            written += result
        }
    }
}

/// The terminal could not be opened or written for a clipboard copy.
struct ClipboardError: Error, CustomStringConvertible {
    var errno: Int32
    var description: String { "cannot write the clipboard to /dev/tty: " + String(cString: strerror(errno)) }
}
