import Testing

@testable import TUI
import TestSupport

@Suite struct AsciiFallbackTests {
    private let ascii = Palette.plain.withGlyphs(.ascii)

    @Test func symbolsBecomeOneCellOfAscii() {
        let buffer = render(Size(width: 40, height: 1), palette: ascii) {
            $0.write("MedLake · 64×64 ▾ ▸ → ↑ … level −", column: 0, row: 0, style: .plain)
        }
        #expect(buffer.line(0).trimmingSuffixBlanks == "MedLake . 64x64 v > > ^ ~ level -")
    }

    @Test func lettersStayQuestionMarksAndWideCellsKeepTheirWidth() {
        let buffer = render(Size(width: 20, height: 1), palette: ascii) {
            $0.write("Müller 山田", column: 0, row: 0, style: .plain)
        }
        #expect(buffer.line(0).trimmingSuffixBlanks == "M?ller ????")
    }

    @Test func unicodeTerminalsDrawTheSymbolsThemselves() {
        let buffer = render(Size(width: 12, height: 1)) { $0.write("a · b ×", column: 0, row: 0, style: .plain) }
        #expect(buffer.line(0).hasPrefix("a · b ×"))
    }

    @Test func everyFallbackIsOneAsciiCell() {
        for symbol in ["·", "×", "▾", "▸", "→", "←", "↑", "↓", "…", "−", "─", "│", "┌", "█", "▀", "›", "▲", "▼"] {
            let fallback = AsciiFallback.character(for: symbol)
            #expect(fallback.map { $0.utf8.count == 1 && DisplayWidth.of($0) == 1 } == true, "\(symbol)")
        }
    }
}

extension Palette {
    fileprivate func withGlyphs(_ glyphs: Glyphs) -> Palette {
        var copy = self
        copy.glyphs = glyphs
        return copy
    }
}

extension String {
    fileprivate var trimmingSuffixBlanks: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
