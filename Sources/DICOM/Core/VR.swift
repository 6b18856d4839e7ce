/// A value representation (PS3.5 §6.2): how a data element's value is encoded.
///
/// The raw value is the two ASCII characters packed big-endian into a `UInt16` (`"OB"` → 0x4F42),
/// which is how they sit in an explicit-VR header, so a header's VR is recognised with one load.
public enum VR: UInt16, Sendable, CaseIterable {
    case AE = 0x4145, AS = 0x4153, AT = 0x4154, CS = 0x4353, DA = 0x4441, DS = 0x4453, DT = 0x4454
    case FD = 0x4644, FL = 0x464C, IS = 0x4953, LO = 0x4C4F, LT = 0x4C54, OB = 0x4F42, OD = 0x4F44
    case OF = 0x4F46, OL = 0x4F4C, OV = 0x4F56, OW = 0x4F57, PN = 0x504E, SH = 0x5348, SL = 0x534C
    case SQ = 0x5351, SS = 0x5353, ST = 0x5354, SV = 0x5356, TM = 0x544D, UC = 0x5543, UI = 0x5549
    case UL = 0x554C, UN = 0x554E, UR = 0x5552, US = 0x5553, UT = 0x5554, UV = 0x5556

    /// Creates the VR from the two bytes of an explicit-VR header, or `nil` if they name none.
    @inline(__always)
    init?(byte0: UInt8, byte1: UInt8) {
        self.init(rawValue: UInt16(byte0) << 8 | UInt16(byte1))
    }

    /// The two-letter name, e.g. `"PN"`.
    public var name: String {
        String(decoding: [UInt8(truncatingIfNeeded: rawValue >> 8), UInt8(truncatingIfNeeded: rawValue)],
               as: UTF8.self)
    }

    /// Whether explicit-VR encoding uses 2 reserved bytes and a 32-bit length (PS3.5 §7.1.2, Table 7.1-1).
    public var hasLongLength: Bool {
        switch self {
        case .OB, .OD, .OF, .OL, .OV, .OW, .SQ, .SV, .UC, .UN, .UR, .UT, .UV: return true
        default: return false
        }
    }

    /// Size of one binary number for VRs whose bytes are swapped in big-endian syntaxes; 0 for others.
    public var wordSize: Int {
        switch self {
        case .US, .SS, .OW, .AT: return 2
        case .UL, .SL, .FL, .OF, .OL: return 4
        case .FD, .OD, .SV, .UV, .OV: return 8
        default: return 0
        }
    }

    /// Whether the value is character data (padded with a space, or a NUL for UI).
    public var isText: Bool {
        switch self {
        case .AE, .AS, .CS, .DA, .DS, .DT, .IS, .LO, .LT, .PN, .SH, .ST, .TM, .UC, .UI, .UR, .UT: return true
        default: return false
        }
    }

    /// Whether the value is text in the Specific Character Set rather than the default repertoire.
    public var usesSpecificCharacterSet: Bool {
        switch self {
        case .LO, .LT, .PN, .SH, .ST, .UC, .UT: return true
        default: return false
        }
    }

    /// Whether a value holds several values separated by backslashes (LT, ST, UT and UR hold one).
    public var isMultiValuedText: Bool { isText && self != .LT && self != .ST && self != .UT && self != .UR }

    /// The byte used to pad a value to even length (PS3.5 §6.2).
    public var paddingByte: UInt8 { self == .UI ? 0 : (isText ? 0x20 : 0) }
}

// MARK: - CustomStringConvertible

extension VR: CustomStringConvertible {
    public var description: String { name }
}
