import Foundation
import Testing

@testable import TUI

/// Draws `draw` into a fresh buffer of `size` (plain palette unless given).
func render(_ size: Size, palette: Palette = .plain, _ draw: (inout Buffer) -> Void) -> Buffer {
    var buffer = Buffer(width: size.width, height: size.height, palette: palette)
    draw(&buffer)
    return buffer
}

/// The two sizes every widget is recorded at: cramped and roomy.
let snapshotSizes = [Size(width: 34, height: 8), Size(width: 72, height: 14)]

extension Size {
    var tag: String { "\(width)x\(height)" }
}
