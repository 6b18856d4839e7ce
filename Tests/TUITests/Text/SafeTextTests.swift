import Testing
@testable import TUI

@Suite struct SafeTextTests {
    @Test func plainTextIsUnchanged() {
        #expect(SafeText.sanitize("Müller^Hans 山田") == "Müller^Hans 山田")
    }

    @Test func escapeSequencesBecomeCaretNotation() {
        #expect(SafeText.sanitize("\u{1B}[2Jx") == "^[[2Jx")
        #expect(SafeText.sanitize("a\rb\nc\u{7F}") == "a^Mb^Jc^?")
        #expect(SafeText.sanitize("\u{1B}]52;c;ZXZpbA==\u{07}") == "^[]52;c;ZXZpbA==^G")
    }

    @Test func c1AndBidiControlsBecomeReplacementCharacters() {
        #expect(SafeText.sanitize("a\u{9B}31mb") == "a\u{FFFD}31mb")
        #expect(SafeText.sanitize("\u{202E}cod.exe\u{2066}\u{200F}\u{061C}") == "\u{FFFD}cod.exe\u{FFFD}\u{FFFD}\u{FFFD}")
    }

    @Test func tabsExpandToTheNextStop() {
        #expect(SafeText.sanitize("ab\tc", tabWidth: 4) == "ab  c")
        #expect(SafeText.sanitize("\t", tabWidth: 4) == "    ")
    }

    @Test func sanitizedTextContainsNothingToEscape() {
        let hostile = (0..<0x250).compactMap(Unicode.Scalar.init).map(String.init).joined()
        let safe = SafeText(hostile).text
        #expect(!safe.unicodeScalars.contains(where: SafeText.needsEscape))
    }
}
