/// An 8-bit grayscale raster, row-major, top row first: a DICOM frame already windowed to 0…255.
public struct GrayImage: Sendable, Hashable {
    public let width: Int
    public let height: Int
    public let pixels: [UInt8]

    /// Nil unless `pixels.count == width * height` with both sides positive.
    public init?(width: Int, height: Int, pixels: [UInt8]) {
        guard width > 0, height > 0, width.multipliedReportingOverflow(by: height) == (pixels.count, false) else {
            return nil
        }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The pixel at `x`, `y` (clamped to the image).
    public func pixel(x: Int, y: Int) -> UInt8 {
        pixels[min(max(0, y), height - 1) * width + min(max(0, x), width - 1)]
    }
}
