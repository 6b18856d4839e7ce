import CNcurseswShim
import Glibc
import TUI
import Testing

/// The toolkit's width table against the C library's wcwidth, the function ncurses and the
/// terminal measure with: every code point must agree, or rows would drift on screen.
@Suite struct WidthParityTests {
    @Test func everyCodePointMatchesWcwidth() throws {
        try #require(setlocale(LC_CTYPE, "C.UTF-8") != nil)
        var mismatches: [String] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let expected = Int(medlake_wcwidth(value))
            if DisplayWidth.wcwidth(scalar) != expected, mismatches.count < 10 {
                mismatches.append(
                    String(format: "U+%04X: %d vs wcwidth %d", value, DisplayWidth.wcwidth(scalar), expected)
                )
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
    }
}
