import CNcursesw
import CNcurseswShim
import TUI
import Testing

@testable import TUICurses

@Suite struct KeyDecoderTests {
    @Test func keyCodesBecomeNamedKeys() {
        #expect(KeyDecoder.functionKey(KEY_UP) == .up)
        #expect(KeyDecoder.functionKey(KEY_NPAGE) == .pageDown)
        #expect(KeyDecoder.functionKey(KEY_BTAB) == .backTab)
        #expect(KeyDecoder.functionKey(medlake_key_f(5)) == .function(5))
        #expect(KeyDecoder.functionKey(KEY_MOUSE) == nil)
    }

    @Test func charactersAndControls() {
        #expect(KeyDecoder.character(13) == .enter)
        #expect(KeyDecoder.character(27) == .escape)
        #expect(KeyDecoder.character(127) == .backspace)
        #expect(KeyDecoder.character(3) == .control("c"))
        #expect(KeyDecoder.character(0xFC) == .character("ü"))
        #expect(KeyDecoder.character(0x5C71) == .character("山"))
        #expect(KeyDecoder.character(0) == nil)
        #expect(KeyDecoder.character(0xD800) == nil)
    }
}
