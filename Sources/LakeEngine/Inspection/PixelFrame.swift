/// One grayscale frame in modality units (rescale applied), with the window the file suggests.
///
/// A preview, not the image: a large frame is shrunk (``downsampled(toFit:)``) to what a terminal can
/// draw, and ``sourceWidth`` and ``sourceHeight`` keep the file's own size.
public struct PixelFrame: Sendable, Hashable {
    /// Samples per row of ``values``.
    public var width: Int
    /// Rows of ``values``.
    public var height: Int
    /// The frame's columns in the file.
    public var sourceWidth: Int
    /// The frame's rows in the file.
    public var sourceHeight: Int
    /// Row-major values, `width * height` of them.
    public var values: [Int32]
    public var windowCenter: Double
    public var windowWidth: Double
    /// MONOCHROME1: high values are dark.
    public var inverted: Bool

    /// The frame mapped to 0…255 through a linear window (PS3.3 C.11.2.1.2, simplified to min/max clipping).
    public func windowed(center: Double, width: Double) -> [UInt8] {
        let width = max(1, width)
        let low = center - width / 2
        return values.map { value in
            let level = (Double(value) - low) / width
            let gray = UInt8(max(0, min(255, (level * 255).rounded())))
            return inverted ? 255 - gray : gray
        }
    }
}
