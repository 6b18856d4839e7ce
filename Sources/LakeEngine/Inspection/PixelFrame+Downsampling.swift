extension PixelFrame {
    /// The frame shrunk so that neither side has more than `side` samples, keeping its aspect ratio and
    /// orientation; a frame that fits already is returned as is.
    ///
    /// Each sample is the mean of the source pixels it covers (a box filter), so a thin bright line fades
    /// instead of vanishing or aliasing as plain subsampling would. The source size is kept in
    /// ``sourceWidth`` and ``sourceHeight``.
    ///
    /// - precondition: `side` is at least 1, and ``values`` holds `width * height` values.
    func downsampled(toFit side: Int) -> PixelFrame {
        precondition(side >= 1, "a preview needs at least one sample per side")
        guard width > side || height > side else { return self }
        let scale = Double(max(width, height)) / Double(side)
        let columns = min(side, max(1, Int((Double(width) / scale).rounded())))
        let rows = min(side, max(1, Int((Double(height) / scale).rounded())))
        var samples: [Int32] = []
        samples.reserveCapacity(columns * rows)
        for row in 0..<rows {
            let top = row * height / rows
            let bottom = max(top + 1, (row + 1) * height / rows)
            for column in 0..<columns {
                let left = column * width / columns
                let right = max(left + 1, (column + 1) * width / columns)
                var sum: Int64 = 0
                for y in top..<bottom {
                    for value in values[(y * width + left)..<(y * width + right)] { sum += Int64(value) }
                }
                samples.append(Int32(sum / Int64((bottom - top) * (right - left))))
            }
        }
        var shrunk = self
        shrunk.width = columns
        shrunk.height = rows
        shrunk.values = samples
        return shrunk
    }
}
