/// An image preview drawn with the upper half block `▀`: each cell shows two pixels, the top one as
/// the foreground colour and the bottom one as the background, which makes pixels square on a
/// usual 1:2 cell.
///
/// Gray levels map to the 256-colour grayscale ramp (232–255 plus black 16 and white 231), to four
/// grays on 16-colour terminals. Two grays (black and white) cannot show an image, so on 8-colour
/// terminals, without colour or without Unicode the image is drawn with an ASCII density ramp
/// (` .:-=+*#%@`, ten levels), one character per two pixels.
/// The image keeps its aspect ratio and is centred; sampling is nearest-neighbour.
public struct HalfBlockImage: Widget, Sendable {
    public var image: GrayImage

    public init(_ image: GrayImage) {
        self.image = image
    }

    static let asciiRamp = Array(" .:-=+*#%@").map(String.init)

    public func render(in area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        buffer.fill(area, role: .normal)
        let palette = buffer.palette
        let useBlocks = palette.glyphs.halfBlocks && palette.depth >= .ansi16
        // Fit image pixels into area.width × (2 × area.height) target pixels, keeping aspect.
        let targetHeight = area.height * 2
        let scale = min(Double(area.width) / Double(image.width), Double(targetHeight) / Double(image.height))
        let width = max(1, min(area.width, Int(Double(image.width) * scale)))
        let height = max(2, min(targetHeight, Int(Double(image.height) * scale)))
        let left = area.x + (area.width - width) / 2
        let top = area.y + (area.height - (height + 1) / 2) / 2
        func sample(_ x: Int, _ y: Int) -> UInt8 {
            image.pixel(x: x * image.width / width, y: y * image.height / height)
        }
        for row in 0..<(height + 1) / 2 {
            for column in 0..<width {
                let upper = sample(column, row * 2)
                let lower = row * 2 + 1 < height ? sample(column, row * 2 + 1) : upper
                let cell: Cell
                if useBlocks {
                    cell = Cell(
                        "▀",
                        style: Style(
                            foreground: Self.color(upper, depth: palette.depth),
                            background: Self.color(lower, depth: palette.depth)
                        )
                    )
                } else {
                    let level = (Int(upper) + Int(lower)) / 2 * Self.asciiRamp.count / 256
                    cell = Cell(Self.asciiRamp[level], style: palette[.normal])
                }
                buffer.set(cell, column: left + column, row: top + row)
            }
        }
    }

    /// The palette colour closest to gray level `gray` at `depth`.
    public static func color(_ gray: UInt8, depth: ColorDepth) -> Color {
        let value = Int(gray)
        switch depth {
        case .ansi256:
            if value < 4 { return .indexed(16) }
            if value > 246 { return .indexed(231) }
            return .indexed(UInt8(232 + min(23, max(0, (value - 3) / 10))))
        case .ansi16:
            let grays: [UInt8] = [0, 8, 7, 15]
            return .indexed(grays[min(3, value / 64)])
        case .ansi8:
            return .indexed(value < 128 ? 0 : 7)
        case .monochrome:
            return .default
        }
    }
}
