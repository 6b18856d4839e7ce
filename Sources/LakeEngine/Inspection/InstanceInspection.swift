/// What the workbench shows of one DICOM instance: its tags as a tree and a frame to preview.
public struct InstanceInspection: Codable, Sendable, Hashable {
    public var sopInstanceUID: String
    /// Every element in file order, items and their elements nested one level deeper.
    public var tags: [TagLine]
    public var preview: PixelPreview
}

/// One row of the tag tree. Text fields hold file data as is; the screen sanitizes them.
public struct TagLine: Codable, Sendable, Hashable {
    /// 0 for top-level elements, +1 inside each sequence item.
    public var depth: Int
    /// `(gggg,eeee)`.
    public var tag: String
    /// The VR, or empty for item lines.
    public var vr: String
    /// Keyword, `Item #n` or `Private: <creator>`.
    public var label: String
    public var value: String
    public var isPrivate: Bool
    /// Whether the next lines (deeper) belong to it: a sequence or an item.
    public var hasChildren: Bool
}

/// The pixels of an instance's first frame, or why there is no preview.
public enum PixelPreview: Sendable, Hashable {
    case frame(PixelFrame)
    /// Encapsulated pixel data: the previewer does not decode compressed syntaxes.
    case compressed(transferSyntax: String)
    case unavailable(reason: String)
}
