/// A transfer syntax (PS3.5 §10): how a data set's bytes are laid out.
public struct TransferSyntax: Hashable, Sendable {
    /// The transfer syntax UID, e.g. `1.2.840.10008.1.2.1`.
    public let uid: String
    /// Whether each element header carries its VR.
    public let isExplicitVR: Bool
    /// Whether binary numbers are big endian (only the retired Explicit VR Big Endian syntax).
    public let isBigEndian: Bool
    /// Whether the data set after the meta group is a raw deflate stream (RFC 1951).
    public let isDeflated: Bool
    /// Whether pixel data is encapsulated in fragments (compressed syntaxes).
    public let isEncapsulated: Bool

    public init(uid: String, isExplicitVR: Bool, isBigEndian: Bool = false, isDeflated: Bool = false,
                isEncapsulated: Bool = false) {
        self.uid = uid
        self.isExplicitVR = isExplicitVR
        self.isBigEndian = isBigEndian
        self.isDeflated = isDeflated
        self.isEncapsulated = isEncapsulated
    }

    public static let implicitVRLittleEndian = TransferSyntax(uid: "1.2.840.10008.1.2", isExplicitVR: false)
    public static let explicitVRLittleEndian = TransferSyntax(uid: "1.2.840.10008.1.2.1", isExplicitVR: true)
    public static let explicitVRBigEndian = TransferSyntax(uid: "1.2.840.10008.1.2.2", isExplicitVR: true,
                                                          isBigEndian: true)
    public static let deflatedExplicitVRLittleEndian = TransferSyntax(uid: "1.2.840.10008.1.2.1.99",
                                                                      isExplicitVR: true, isDeflated: true)
    public static let jpegBaseline = TransferSyntax(uid: "1.2.840.10008.1.2.4.50", isExplicitVR: true,
                                                    isEncapsulated: true)
    public static let jpegLossless = TransferSyntax(uid: "1.2.840.10008.1.2.4.70", isExplicitVR: true,
                                                    isEncapsulated: true)
    public static let jpeg2000 = TransferSyntax(uid: "1.2.840.10008.1.2.4.91", isExplicitVR: true,
                                                isEncapsulated: true)
    public static let rleLossless = TransferSyntax(uid: "1.2.840.10008.1.2.5", isExplicitVR: true,
                                                   isEncapsulated: true)

    /// The syntax a UID names. Every UID other than the three native and the deflated syntaxes is
    /// taken as explicit VR little endian with encapsulated pixel data, which is how PS3.5 §10 defines
    /// all compressed syntaxes (JPEG, JPEG-LS, JPEG 2000, RLE, MPEG, HEVC, JPEG XL, HTJ2K, …).
    public init(uid rawUID: String) {
        let uid = String(rawUID.unicodeScalars.filter { $0 != "\0" && $0 != " " })
        switch uid {
        case Self.implicitVRLittleEndian.uid: self = .implicitVRLittleEndian
        case Self.explicitVRLittleEndian.uid: self = .explicitVRLittleEndian
        case Self.explicitVRBigEndian.uid: self = .explicitVRBigEndian
        case Self.deflatedExplicitVRLittleEndian.uid, "1.2.840.10008.1.2.8.1":
            self.init(uid: uid, isExplicitVR: true, isDeflated: true)
        default: self.init(uid: uid, isExplicitVR: true, isEncapsulated: true)
        }
    }
}
