/// What a read should decode and where it should stop.
///
/// The catalog indexer reads thousands of files a second, so the cheap paths matter most:
/// ``headerOnly`` stops at Pixel Data without touching it, and ``selected(_:)`` decodes only the
/// requested top-level tags, skipping every other value without copying it and stopping after the
/// largest requested tag (data sets are in ascending tag order, PS3.5 §7.1).
public struct ParseOptions: Sendable {
    /// Stop at the top-level Pixel Data element (7FE0,0010); it is recorded (offset, length) but not read.
    public var stopAtPixelData: Bool
    /// Read native pixel data and encapsulated fragments into memory. When `false`, their offsets and
    /// lengths are recorded and their bytes skipped.
    public var loadBulkData: Bool
    /// Re-read UN elements whose tag the data dictionary knows with the dictionary's VR
    /// (PS3.5 §6.2.2: the value is then Implicit VR Little Endian encoded).
    public var reinterpretUN: Bool
    /// When set, only these top-level elements are kept (sorted ascending, no duplicates).
    public private(set) var selectedTags: [AttributeTag]?
    /// Upper bound on the size of an inflated data set, against deflate bombs.
    public var maximumInflatedSize: Int

    public init(stopAtPixelData: Bool = false, loadBulkData: Bool = true, reinterpretUN: Bool = true,
                selectedTags: [AttributeTag]? = nil, maximumInflatedSize: Int = 1 << 30) {
        self.stopAtPixelData = stopAtPixelData
        self.loadBulkData = loadBulkData
        self.reinterpretUN = reinterpretUN
        self.selectedTags = selectedTags.map { Array(Set($0)).sorted() }
        self.maximumInflatedSize = maximumInflatedSize
    }

    /// Everything, pixel data included.
    public static let full = ParseOptions()

    /// Every element before Pixel Data; Pixel Data itself is recorded but not read.
    public static let headerOnly = ParseOptions(stopAtPixelData: true, loadBulkData: false)

    /// Only `tags` at the top level (plus the Specific Character Set, needed to decode their text).
    public static func selected(_ tags: [AttributeTag]) -> ParseOptions {
        ParseOptions(stopAtPixelData: true, loadBulkData: false, selectedTags: tags + [.specificCharacterSet])
    }

    /// Whether reading can stop before the end of the file, so a prefix of the file may be enough.
    var stopsEarly: Bool { stopAtPixelData || selectedTags != nil }
}
