import Foundation

/// A head phantom in the spirit of Shepp–Logan: ellipses of tissue values, so sample previews look
/// like anatomy rather than noise. Values are in CT Hounsfield-like units.
enum Phantom {
    /// (centre x, centre y, semi-axis a, semi-axis b, angle in degrees, added value), in [-1, 1] coordinates.
    private static let ellipses: [(Double, Double, Double, Double, Double, Double)] = [
        (0, 0, 0.69, 0.92, 0, 1000),
        (0, -0.0184, 0.6624, 0.874, 0, -960),
        (0.22, 0, 0.11, 0.31, -18, -40),
        (-0.22, 0, 0.16, 0.41, 18, -40),
        (0, 0.35, 0.21, 0.25, 0, 60),
        (0, 0.1, 0.046, 0.046, 0, 30),
        (0, -0.1, 0.046, 0.046, 0, 30),
        (-0.08, -0.605, 0.046, 0.023, 0, 40),
        (0.06, -0.605, 0.023, 0.046, 0, 40),
    ]

    /// The phantom's value at (x, y) on slice `z` (-1…1; the head narrows towards the ends).
    static func value(x: Double, y: Double, z: Double) -> Double {
        let shrink = max(0.05, 1 - z * z * 0.8)
        var total = -1000.0
        for (cx, cy, a, b, angle, add) in ellipses {
            let theta = angle * Double.pi / 180
            let dx = x - cx, dy = y - cy
            let u = (dx * cos(theta) + dy * sin(theta)) / (a * shrink)
            let v = (-dx * sin(theta) + dy * cos(theta)) / (b * shrink)
            if u * u + v * v <= 1 { total += add }
        }
        return total
    }

    /// A `size`×`size` slice as unsigned 16-bit stored values (value + 1024), little endian.
    static func ctSlice(size: Int, z: Double) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size * size * 2)
        for row in 0..<size {
            for column in 0..<size {
                let x = Double(column) / Double(size - 1) * 2 - 1, y = Double(row) / Double(size - 1) * 2 - 1
                let stored = UInt16(clamping: Int(value(x: x, y: y, z: z) + 1024))
                bytes.append(UInt8(stored & 0xFF))
                bytes.append(UInt8(stored >> 8))
            }
        }
        return bytes
    }

    /// An MR-like slice: the same anatomy with inverted fluid contrast, 16-bit unsigned.
    static func mrSlice(size: Int, z: Double) -> [UInt8] {
        var bytes: [UInt8] = []
        for row in 0..<size {
            for column in 0..<size {
                let x = Double(column) / Double(size - 1) * 2 - 1, y = Double(row) / Double(size - 1) * 2 - 1
                let ct = value(x: x, y: y, z: z)
                let signal = ct < -500 ? 0 : (ct > 500 ? 300 : 600 + (ct - 0) * 8)
                let stored = UInt16(clamping: Int(max(0, signal)))
                bytes.append(UInt8(stored & 0xFF))
                bytes.append(UInt8(stored >> 8))
            }
        }
        return bytes
    }

    /// A chest radiograph look: two dark lungs in a bright body, 16-bit unsigned.
    static func chest(size: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        for row in 0..<size {
            for column in 0..<size {
                let x = Double(column) / Double(size - 1) * 2 - 1, y = Double(row) / Double(size - 1) * 2 - 1
                var value = abs(x) < 0.85 ? 2600.0 : 300
                for side in [-0.4, 0.4] where pow((x - side) / 0.3, 2) + pow((y + 0.05) / 0.6, 2) <= 1 { value = 900 }
                if abs(x) < 0.06 { value = 3500 }
                let stored = UInt16(clamping: Int(value))
                bytes.append(UInt8(stored & 0xFF))
                bytes.append(UInt8(stored >> 8))
            }
        }
        return bytes
    }

    /// An ultrasound fan with speckle, 8-bit.
    static func ultrasound(size: Int, seed: Int) -> [UInt8] {
        var generator = SplitMix(seed: UInt64(seed))
        var bytes: [UInt8] = []
        for row in 0..<size {
            for column in 0..<size {
                let x = Double(column) / Double(size - 1) * 2 - 1, y = Double(row) / Double(size - 1)
                let inFan = y > 0.05 && abs(x) < y * 0.9
                let cyst = pow(x / 0.2, 2) + pow((y - 0.6) / 0.15, 2) <= 1
                let speckle = Double(generator.next() % 90)
                bytes.append(inFan ? UInt8(clamping: Int(cyst ? speckle / 6 : 60 + speckle)) : 0)
            }
        }
        return bytes
    }

    /// A segmentation mask (1 bit per pixel, LSB first) of the phantom's left ventricle region.
    static func mask(size: Int) -> [UInt8] {
        var bits = [UInt8](repeating: 0, count: (size * size + 7) / 8)
        for index in 0..<size * size {
            let x = Double(index % size) / Double(size - 1) * 2 - 1, y = Double(index / size) / Double(size - 1) * 2 - 1
            if pow((x + 0.22) / 0.16, 2) + pow(y / 0.41, 2) <= 1 { bits[index / 8] |= 1 << (index % 8) }
        }
        return bits
    }
}

/// A small deterministic generator so the sample files are the same on every run.
struct SplitMix {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
