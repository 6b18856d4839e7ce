#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes DICOM Part 10 files (PS3.10 §7): preamble, `DICM`, the file meta group with a correct group
/// length, then the data set in the requested transfer syntax.
///
/// Explicit VR Little Endian is the default and what de-identified output uses; Implicit VR Little
/// Endian, Explicit VR Big Endian, Deflated and encapsulated syntaxes exist so that tests and sample
/// lakes can produce every encoding the reader accepts. Values of odd length are padded (space for
/// text, NUL for UI and binary). Sequences and items are written with undefined length and delimiters;
/// group length elements (gggg,0000) present in the data set are recomputed.
///
/// Thread-safety: stateless; call from any thread.
public enum DICOMWriter {
    /// Identifies MedLake as the implementation that wrote a file (0002,0012).
    public static let implementationClassUID = "2.25.302335465413640113423402553462411135862"
    /// (0002,0013).
    public static let implementationVersionName = "MEDLAKE_0_1"

    /// Encodes a Part 10 file. `meta` elements other than the group length, transfer syntax and
    /// implementation identifiers are kept; SOP class and instance default to the data set's.
    public static func part10(_ dataSet: DataSet, transferSyntax: TransferSyntax = .explicitVRLittleEndian,
                              meta: DataSet = DataSet(), preamble: [UInt8]? = nil) throws(DICOMError) -> [UInt8]
    {
        var output = [UInt8](repeating: 0, count: 128)
        if let preamble, preamble.count == 128 { output = preamble }
        output += Array("DICM".utf8)
        output += try encodeMeta(for: dataSet, transferSyntax: transferSyntax, meta: meta)
        let body = try encode(dataSet, transferSyntax: transferSyntax)
        output += transferSyntax.isDeflated ? try Deflater.deflate(body) : body
        return output
    }

    /// Encodes a data set without preamble or meta group (a "bare" data set), before any deflation.
    public static func encode(_ dataSet: DataSet, transferSyntax: TransferSyntax) throws(DICOMError) -> [UInt8] {
        var encoder = ElementEncoder(explicitVR: transferSyntax.isExplicitVR, bigEndian: transferSyntax.isBigEndian)
        try encoder.encode(dataSet, depth: 0)
        return encoder.output
    }

    /// Writes `bytes` to `path`, readable by owner and group only (lake files are never world-readable).
    public static func write(_ bytes: [UInt8], to path: String) throws(DICOMError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o640)
        guard descriptor >= 0 else { throw DICOMError(.io(errno: errno), offset: 0, path: path) }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { raw in
                SystemIO.write(descriptor, raw.baseAddress.map { $0 + written }, bytes.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw DICOMError(.io(errno: errno), offset: written, path: path)
            }
            written += count
        }
    }

    // MARK: - Meta group

    private static func encodeMeta(for dataSet: DataSet, transferSyntax: TransferSyntax,
                                   meta: DataSet) throws(DICOMError) -> [UInt8]
    {
        var group = meta
        group.remove(.fileMetaInformationGroupLength)
        func setText(_ tag: AttributeTag, _ vr: VR, _ text: String?) {
            guard let text else { return }
            group.set(DataElement(tag: tag, vr: vr, value: .bytes(Array(text.utf8))))
        }
        group.set(DataElement(tag: .fileMetaInformationVersion, vr: .OB, value: .bytes([0, 1])))
        if !group.contains(.mediaStorageSOPClassUID) { setText(.mediaStorageSOPClassUID, .UI, dataSet.string(.sopClassUID)) }
        if !group.contains(.mediaStorageSOPInstanceUID) {
            setText(.mediaStorageSOPInstanceUID, .UI, dataSet.string(.sopInstanceUID))
        }
        setText(.transferSyntaxUID, .UI, transferSyntax.uid)
        setText(.implementationClassUID, .UI, implementationClassUID)
        setText(.implementationVersionName, .SH, implementationVersionName)
        var encoder = ElementEncoder(explicitVR: true, bigEndian: false)
        try encoder.encode(group, depth: 1)
        var lengthElement = ElementEncoder(explicitVR: true, bigEndian: false)
        try lengthElement.encode(DataElement(tag: .fileMetaInformationGroupLength, vr: .UL,
                                             value: .bytes(le32(UInt32(encoder.output.count)))), depth: 1)
        return lengthElement.output + encoder.output
    }

    static func le32(_ value: UInt32) -> [UInt8] {
        [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8),
         UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 24)]
    }
}
