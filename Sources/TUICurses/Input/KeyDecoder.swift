import CNcursesw
import CNcurseswShim
import TUI

/// Turns what `wget_wch` returned into ``Key``s.
enum KeyDecoder {
    /// A key code (`KEY_CODE_YES`): arrows, paging, function keys.
    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_BTAB: return .backTab
        default:
            for n in 1...12 where medlake_key_f(Int32(n)) == code { return .function(n) }
            return nil
        }
    }

    /// A character (`OK`): controls become named keys or Ctrl-letters.
    static func character(_ value: UInt32) -> Key? {
        switch value {
        case 13, 10: return .enter
        case 27: return .escape
        case 9: return .tab
        case 127, 8: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(value) + 0x60)))
        case 0..<32: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }
}
