import DICOM
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
}
