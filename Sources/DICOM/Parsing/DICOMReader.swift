#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads DICOM Part 10 files and bare data sets.
///
/// ```swift
/// let file = try DICOMReader.read(path: "/lake/ct/1.dcm", options: .selected([.patientID, .modality]))
/// let modality = file.dataSet.string(.modality)
/// ```
///
/// Format detection (PS3.10 §7.1): `DICM` after a 128-byte preamble marks a Part 10 file; otherwise
/// the first element is inspected and the bytes are taken as a bare data set in Explicit VR Little
/// Endian (a valid VR after the tag), Implicit VR Little Endian, or Explicit VR Big Endian.
///
/// Thread-safety: stateless; call from any thread.
public enum DICOMReader {
    /// How many bytes a stopping read loads first; most headers fit. When they do not, the prefix grows
    /// eightfold until the header fits or the whole file is loaded.
    static let prefixSize = 8 * 1024

    /// Reads the file at `path`. Damage after the start yields a ``DICOMFile`` with ``DICOMFile/error``
    /// set; unreadable files and non-DICOM bytes throw.
    ///
    /// Stopping reads (``ParseOptions/headerOnly``, ``ParseOptions/selected(_:)``) load only a prefix of
    /// the file, so indexing costs one `open`, one `read` and one `close` per typical file.
    public static func read(path: String, options: ParseOptions = .full) throws(DICOMError) -> DICOMFile {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw DICOMError(.io(errno: errno), offset: 0, path: path) }
        defer { close(descriptor) }
        var wanted = options.stopsEarly ? prefixSize : Int.max
        var loaded: [UInt8] = []
        var atEnd = false
        while true {
            atEnd = try readBytes(descriptor, into: &loaded, upTo: wanted, path: path)
            do throws(DICOMError) {
                let file = try parse(loaded, options: options)
                if !atEnd, file.error != nil || file.transferSyntax.isDeflated {
                    wanted = wanted > Int.max / 8 ? Int.max : wanted * 8
                    continue
                }
                var result = file
                result.error?.path = path
                return result
            } catch {
                // Detection looks at the first 140 bytes only: more of a non-DICOM file changes nothing.
                let decided = error.kind == .notDICOM && loaded.count >= 140
                if !atEnd, !decided {
                    wanted = wanted > Int.max / 8 ? Int.max : wanted * 8
                    continue
                }
                var located = error
                located.path = path
                throw located
            }
        }
    }

    /// Reads from `descriptor` until `bytes` holds `limit` bytes or the file ends; returns whether it ended.
    private static func readBytes(_ descriptor: Int32, into bytes: inout [UInt8], upTo limit: Int,
                                  path: String) throws(DICOMError) -> Bool
    {
        while bytes.count < limit {
            let chunk = min(limit - bytes.count, max(prefixSize, bytes.count))
            let start = bytes.count
            bytes.reserveCapacity(start + chunk)
            var failure: Int32 = 0
            var got = 0
            bytes.append(contentsOf: repeatElement(0, count: chunk))
            got = bytes.withUnsafeMutableBytes { raw in
                SystemIO.read(descriptor, raw.baseAddress.map { $0 + start }, chunk)
            }
            if got < 0 { failure = errno }
            bytes.removeLast(chunk - max(got, 0))
            if got < 0 {
                if failure == EINTR { continue }
                throw DICOMError(.io(errno: failure), offset: start, path: path)
            }
            if got == 0 { return true }
        }
        return false
    }

    /// Parses a whole file held in memory.
    public static func parse(_ bytes: [UInt8], options: ParseOptions = .full) throws(DICOMError) -> DICOMFile {
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(DICOMError) -> DICOMFile in try parse(raw, options: options) }
        }
        return try result.get()
    }

    /// Parses a whole file from raw memory (the bytes are copied where kept).
    public static func parse(_ raw: UnsafeRawBufferPointer, options: ParseOptions = .full) throws(DICOMError)
        -> DICOMFile
    {
        var start = 0
        var preamble: [UInt8]?
        if raw.count >= 132, raw[128] == 0x44, raw[129] == 0x49, raw[130] == 0x43, raw[131] == 0x4D {
            preamble = Array(UnsafeRawBufferPointer(rebasing: raw[0 ..< 128]))
            start = 132
        } else if raw.count >= 4, raw[0] == 0x44, raw[1] == 0x49, raw[2] == 0x43, raw[3] == 0x4D {
            start = 4
        }
        var meta = DataSet()
        var syntax: TransferSyntax
        if start > 0 || hasMetaGroup(raw, at: 0) {
            let metaEnd = metaGroupEnd(raw, from: start)
            var metaParser = DataSetParser(buffer: raw, syntax: .explicitVRLittleEndian, position: start,
                                           options: .full)
            // Depth 1: the stop-at-pixel-data and selected-tags rules are for the data set, not the meta group.
            meta = metaParser.parseDataSet(end: metaEnd, delimited: false, depth: 1, characterSet: .default)
            if start == 0, meta.elements.isEmpty { throw DICOMError(.notDICOM, offset: 0) }
            if let failure = metaParser.failure {
                return DICOMFile(preamble: preamble, meta: meta, dataSet: DataSet(),
                                 transferSyntax: .explicitVRLittleEndian, error: failure)
            }
            start = metaEnd
            syntax = meta[.transferSyntaxUID].map { TransferSyntax(uid: $0.strings(characterSet: .default).first ?? "") }
                ?? detectSyntax(raw, at: start) ?? .implicitVRLittleEndian
            if !syntax.isDeflated, !syntax.isBigEndian, start + 6 <= raw.count {
                // Some writers declare one VR encoding and use the other; trust the bytes.
                let explicit = looksExplicitLittleEndian(raw, at: start)
                if explicit != syntax.isExplicitVR, detectSyntax(raw, at: start) != nil {
                    syntax = TransferSyntax(uid: syntax.uid, isExplicitVR: explicit,
                                            isEncapsulated: syntax.isEncapsulated)
                }
            }
        } else {
            guard let detected = detectSyntax(raw, at: 0) else { throw DICOMError(.notDICOM, offset: 0) }
            syntax = detected
        }
        if syntax.isDeflated {
            let inflated = try Inflater.inflate(UnsafeRawBufferPointer(rebasing: raw[start...]),
                                                maximumSize: options.maximumInflatedSize)
            return inflated.withUnsafeBytes { body in
                parseBody(body, from: 0, syntax: syntax, preamble: preamble, meta: meta, options: options)
            }
        }
        return parseBody(raw, from: start, syntax: syntax, preamble: preamble, meta: meta, options: options)
    }

    private static func parseBody(_ raw: UnsafeRawBufferPointer, from start: Int, syntax: TransferSyntax,
                                  preamble: [UInt8]?, meta: DataSet, options: ParseOptions) -> DICOMFile
    {
        var parser = DataSetParser(buffer: raw, syntax: syntax, position: start, options: options)
        let dataSet = parser.parseDataSet(end: raw.count, delimited: false, depth: 0, characterSet: .default)
        return DICOMFile(preamble: preamble, meta: meta, dataSet: dataSet, transferSyntax: syntax,
                         error: parser.failure)
    }

    /// The offset where the data set proper starts: past the preamble, `DICM` and the file meta group
    /// (group 0002), or 0 for a bare data set.
    ///
    /// De-duplication hashes the bytes from here on, since a server receiving an instance may rewrite its
    /// meta group (implementation UID, source AE title) while the data set stays the same.
    public static func dataSetOffset(_ raw: UnsafeRawBufferPointer) -> Int {
        var start = 0
        if raw.count >= 132, raw[128] == 0x44, raw[129] == 0x49, raw[130] == 0x43, raw[131] == 0x4D {
            start = 132
        } else if raw.count >= 4, raw[0] == 0x44, raw[1] == 0x49, raw[2] == 0x43, raw[3] == 0x4D {
            start = 4
        }
        return start > 0 || hasMetaGroup(raw, at: 0) ? metaGroupEnd(raw, from: start) : 0
    }

    // MARK: - Detection

    /// Whether an explicit-VR-LE group 0002 element starts at `offset` (a meta group without preamble).
    private static func hasMetaGroup(_ raw: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        offset + 8 <= raw.count && raw[offset] == 0x02 && raw[offset + 1] == 0
            && VR(byte0: raw[offset + 4], byte1: raw[offset + 5]) != nil
    }

    /// The offset just past the meta group: the first element whose group is not 0002.
    private static func metaGroupEnd(_ raw: UnsafeRawBufferPointer, from start: Int) -> Int {
        var offset = start
        while offset + 8 <= raw.count, raw[offset] == 0x02, raw[offset + 1] == 0 {
            guard let vr = VR(byte0: raw[offset + 4], byte1: raw[offset + 5]) else { break }
            var length: Int
            var header = 8
            if vr.hasLongLength {
                guard offset + 12 <= raw.count else { return raw.count }
                length = Int(raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self).littleEndian)
                header = 12
            } else {
                length = Int(raw.loadUnaligned(fromByteOffset: offset + 6, as: UInt16.self).littleEndian)
            }
            if length == Int(DataElement.undefinedLength) { length = 0 }
            guard length <= raw.count - offset - header else { return raw.count }
            offset += header + length
        }
        return offset
    }

    /// Whether the bytes at `offset` look like an explicit-VR little-endian element header.
    private static func looksExplicitLittleEndian(_ raw: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        offset + 6 <= raw.count && VR(byte0: raw[offset + 4], byte1: raw[offset + 5]) != nil
    }

    /// Guesses the encoding of a data set with no meta group from its first element's tag and VR.
    static func detectSyntax(_ raw: UnsafeRawBufferPointer, at offset: Int) -> TransferSyntax? {
        guard offset + 8 <= raw.count else { return nil }
        let groupLE = UInt16(raw[offset]) | UInt16(raw[offset + 1]) << 8
        let groupBE = UInt16(raw[offset]) << 8 | UInt16(raw[offset + 1])
        let hasVR = VR(byte0: raw[offset + 4], byte1: raw[offset + 5]) != nil
        if groupLE >= 0x0002, groupLE <= 0x00FF {
            return hasVR ? .explicitVRLittleEndian : .implicitVRLittleEndian
        }
        if groupBE >= 0x0002, groupBE <= 0x00FF, hasVR { return .explicitVRBigEndian }
        return nil
    }
}
