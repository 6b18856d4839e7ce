/// What a file turned out to be when ingest read its header.
public enum FileContent: Sendable, Hashable {
    case imaging(ImagingHeader)
    case genomic(GenomicHeader)
    /// Not a format the lake understands, or damaged; `reason` says which (never contains file data).
    case unknown(reason: String)

    /// The catalog's format name (`datasetFile.format`).
    var formatName: String {
        switch self {
        case .imaging: "DICOM"
        case .genomic(let header): header.format
        case .unknown: "unknown"
        }
    }
}
