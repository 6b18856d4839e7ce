/// The result of reading one DICOM file or byte buffer.
///
/// A damaged file still yields what could be read: ``dataSet`` holds every element before the
/// damage, and ``error`` says where it was. Check ``isComplete`` before trusting absence of a tag.
public struct DICOMFile: Sendable {
    /// The 128-byte preamble of a Part 10 file; `nil` for a bare data set.
    public var preamble: [UInt8]?
    /// The file meta information (group 0002); empty for a bare data set.
    public var meta: DataSet
    /// The data set after the meta group.
    public var dataSet: DataSet
    /// The transfer syntax the data set was encoded with (from the meta group, or detected).
    public var transferSyntax: TransferSyntax
    /// The first problem met, if reading stopped early because of damage.
    public var error: DICOMError?

    public init(preamble: [UInt8]? = nil, meta: DataSet = DataSet(), dataSet: DataSet,
                transferSyntax: TransferSyntax, error: DICOMError? = nil) {
        self.preamble = preamble
        self.meta = meta
        self.dataSet = dataSet
        self.transferSyntax = transferSyntax
        self.error = error
    }

    /// Whether the whole file (or everything up to the requested stopping point) was read.
    public var isComplete: Bool { error == nil }
}
