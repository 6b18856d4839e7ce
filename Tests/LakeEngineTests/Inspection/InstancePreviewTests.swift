import DICOM
import Foundation
import Testing
@testable import LakeEngine

@Suite("Instance preview")
struct InstancePreviewTests {
    private func dataSet(bits: UInt16, rows: UInt16 = 2, columns: UInt16 = 2, pixels: [UInt8]) -> DataSet {
        var dataSet = DataSet()
        dataSet.set(.uint16(.rows, rows))
        dataSet.set(.uint16(.columns, columns))
        dataSet.set(.uint16(.bitsAllocated, bits))
        dataSet.set(.uint16(.pixelRepresentation, 0))
        dataSet.set(DataElement(tag: .pixelData, vr: bits == 16 ? .OW : .OB, value: .bytes(pixels)))
        return dataSet
    }

    @Test("16-bit native pixels decode little endian with rescale applied")
    func sixteenBit() {
        var set = dataSet(bits: 16, pixels: [0, 0, 0x00, 0x04, 0xE8, 0x03, 0xFF, 0xFF])
        set.set(.text(AttributeTag(rawValue: 0x0028_1052), .DS, "-1024"))
        guard case .frame(let frame) = Lake.preview(set, transferSyntax: .explicitVRLittleEndian) else {
            Issue.record("no frame")
            return
        }
        #expect(frame.values == [-1024, 0, -24, 64511])
        #expect(frame.windowed(center: 0, width: 2) == [0, 128, 0, 255])
    }

    @Test("1-bit masks decode least significant bit first")
    func oneBit() {
        guard case .frame(let frame) = Lake.preview(dataSet(bits: 1, pixels: [0b0000_1001]), transferSyntax: .explicitVRLittleEndian)
        else {
            Issue.record("no frame")
            return
        }
        #expect(frame.values == [1, 0, 0, 1])
    }

    @Test("Encapsulated pixel data is reported as compressed with its syntax")
    func compressed() {
        let set = dataSet(bits: 8, pixels: [1, 2, 3, 4])
        #expect(Lake.preview(set, transferSyntax: .rleLossless) == .compressed(transferSyntax: TransferSyntax.rleLossless.uid))
    }

    @Test("Short pixel data and absurd sizes give a reason, never a crash")
    func damaged() {
        #expect(Lake.preview(dataSet(bits: 16, pixels: [1, 2, 3]), transferSyntax: .explicitVRLittleEndian)
            == .unavailable(reason: "pixel data too short"))
        let huge = dataSet(bits: 16, rows: 65535, columns: 65535, pixels: [])
        guard case .unavailable = Lake.preview(huge, transferSyntax: .explicitVRLittleEndian) else {
            Issue.record("a 65535² frame must not be decoded")
            return
        }
        #expect(Lake.preview(DataSet(), transferSyntax: .explicitVRLittleEndian) == .unavailable(reason: "no pixel data"))
    }

    @Test("A large frame is shrunk on the server to a bounded preview that keeps its orientation")
    func largeFrameIsDownsampled() throws {
        // 2048 columns × 1024 rows whose value is column + 2 × row: rising to the right, twice as fast downwards.
        let (columns, rows) = (2048, 1024)
        var pixels = [UInt8](repeating: 0, count: columns * rows * 2)
        for row in 0..<rows {
            for column in 0..<columns {
                let value = UInt16(column + 2 * row), offset = (row * columns + column) * 2
                pixels[offset] = UInt8(value & 0xFF)
                pixels[offset + 1] = UInt8(value >> 8)
            }
        }
        let preview = Lake.preview(
            dataSet(bits: 16, rows: UInt16(rows), columns: UInt16(columns), pixels: pixels),
            transferSyntax: .explicitVRLittleEndian)
        guard case .frame(let frame) = preview else {
            Issue.record("no frame: \(preview)")
            return
        }
        #expect(frame.sourceWidth == columns && frame.sourceHeight == rows)
        #expect(frame.width == Lake.previewSideLimit && frame.height == Lake.previewSideLimit / 2)
        #expect(frame.values.count == frame.width * frame.height)
        // Each sample is the mean of a 4 × 4 block: 4 × column + 8 × row + 4.5, rounded down.
        var wrong: [(column: Int, row: Int)] = []
        for row in 0..<frame.height {
            for column in 0..<frame.width where frame.values[row * frame.width + column] != Int32(4 * column + 8 * row + 4) {
                wrong.append((column, row))
            }
        }
        #expect(wrong.isEmpty, "\(wrong.count) samples off, first \(String(describing: wrong.first))")
        let fullRange = Double(columns - 1 + 2 * (rows - 1))
        #expect(frame.windowCenter == fullRange / 2, "the window is the full frame's")

        // The answer stays about a megabyte (512 × 256 × 4 bytes in base64), where the frame itself is 8 MB.
        let answer = try JSONEncoder().encode(preview)
        let bound: Int = Lake.previewSideLimit * Lake.previewSideLimit * 4 * 4 / 3 + 1024
        #expect(answer.count < bound, "\(answer.count) bytes")
        #expect(try JSONDecoder().decode(PixelPreview.self, from: answer) == preview)
    }

    @Test("A frame within the bound is previewed at its own size")
    func smallFrameIsKept() {
        guard case .frame(let frame) = Lake.preview(dataSet(bits: 8, pixels: [1, 2, 3, 4]), transferSyntax: .explicitVRLittleEndian)
        else {
            Issue.record("no frame")
            return
        }
        #expect(frame.width == 2 && frame.height == 2 && frame.sourceWidth == 2 && frame.sourceHeight == 2)
        #expect(frame.values == [1, 2, 3, 4])
    }
}
