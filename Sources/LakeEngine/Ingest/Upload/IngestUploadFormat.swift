/// The body of `POST /v1/ingest`: files a client read with its own rights, sent as bytes.
///
/// The lake service never opens a path a client names (it would open it with the service account's
/// rights, a confused deputy): the client walks and reads its files itself, so the kernel decides what
/// it can read, and sends what it read in this framing. The service hashes and parses the bytes as they
/// arrive; the names are provenance only.
///
/// Layout, integers big-endian:
/// ```
/// "MLU1"                                                 magic, once
/// 'F' u32 nameLength name u64 size bytes[size]           a file
/// 'E' u32 nameLength name u32 reasonLength reason        a path the client could not read
/// 'S' u32 nameLength name u32 reasonLength reason        a path the client left alone on purpose
/// 'C' i64 cursor                                         a remote source's cursor (below)
/// 'Z'                                                    the end: nothing may follow
/// ```
/// A pull from a DICOM server (`?source=orthanc&sourceURL=…`) marks, after the instances of each batch,
/// the server's change number up to which every change has been sent: the service ends its batch there
/// and records the cursor in the transaction that records the batch, so a killed pull resumes after the
/// last committed batch and never skips one.
/// Names are the path's bytes as the client reached them (``SourcePath``), which need not be UTF-8; a
/// reason is UTF-8. A body without its `Z` record was cut short (the client died): batches already
/// committed stay, and a rerun adds the rest.
public enum IngestUploadFormat {
    /// The first four bytes of every upload.
    public static let magic: [UInt8] = Array("MLU1".utf8)
    /// The longest name accepted (Linux's `PATH_MAX`).
    public static let maximumNameLength = 4096
    /// The longest reason accepted.
    public static let maximumReasonLength = 16 * 1024

    /// What a record is, by its first byte.
    enum Tag: UInt8 {
        case file = 0x46  // F
        case failed = 0x45  // E
        case skipped = 0x53  // S
        case cursor = 0x43  // C
        case end = 0x5A  // Z
    }

    /// The header of a file record; its bytes follow.
    public static func fileHeader(name: SourcePath, size: Int64) -> [UInt8] {
        var bytes = [Tag.file.rawValue]
        append(UInt32(name.bytes.count), to: &bytes)
        bytes += name.bytes
        append(UInt64(size), to: &bytes)
        return bytes
    }

    /// A record for a path the client could not read (`skipped` false) or left alone (`skipped` true).
    public static func problem(name: SourcePath, reason: String, skipped: Bool) -> [UInt8] {
        var bytes = [(skipped ? Tag.skipped : Tag.failed).rawValue]
        append(UInt32(name.bytes.count), to: &bytes)
        bytes += name.bytes
        let reason = Array(reason.utf8.prefix(maximumReasonLength))
        append(UInt32(reason.count), to: &bytes)
        bytes += reason
        return bytes
    }

    /// A remote source's cursor: every change up to `cursor` is in the records before it.
    public static func cursor(_ cursor: Int64) -> [UInt8] {
        var bytes = [Tag.cursor.rawValue]
        append(cursor, to: &bytes)
        return bytes
    }

    /// The record that ends an upload.
    public static let end: [UInt8] = [Tag.end.rawValue]

    private static func append<Integer: FixedWidthInteger>(_ value: Integer, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { bytes += $0 }
    }
}
