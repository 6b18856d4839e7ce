import Foundation
import Testing
@testable import DICOM

@Suite("DICOMReader")
struct DICOMReaderTests {
    @Test("Every writable transfer syntax reads back what was written", arguments: TestFixtures.syntaxes)
    func roundTripsEachSyntax(syntax: TransferSyntax) throws {
        let original = TestFixtures.kitchenSink()
        let file = try DICOMReader.parse(try DICOMWriter.part10(original, transferSyntax: syntax))
        #expect(file.isComplete)
        #expect(file.transferSyntax == syntax)
        #expect(file.preamble?.count == 128)
        let differences = Equivalence.differences(original, file.dataSet, ignoringPrivateVRs: !syntax.isExplicitVR)
        #expect(differences.isEmpty, "\(differences)")
        #expect(file.dataSet.string(.patientName) == "M\u{FC}ller^Hans")
        #expect(file.dataSet[AttributeTag(rawValue: 0x0072_0082)]?.numbers(Int64.self) == [Int64.min, 5])
    }

    @Test("Implicit VR reads private elements as UN and public ones with the dictionary's VR")
    func implicitVRUsesDictionary() throws {
        let file = try DICOMReader.parse(try DICOMWriter.part10(TestFixtures.kitchenSink(),
                                                                transferSyntax: .implicitVRLittleEndian))
        #expect(file.dataSet[AttributeTag(rawValue: 0x0009_1001)]?.vr == .UN)
        #expect(file.dataSet[AttributeTag(rawValue: 0x0009_0010)]?.vr == .LO)
        #expect(file.dataSet[AttributeTag(rawValue: 0x0018_6020)]?.vr == .SL)
        #expect(file.dataSet.privateCreator(of: AttributeTag(rawValue: 0x0009_1001)) == "ACME 1.0")
    }

    @Test("A bare implicit data set without preamble or meta group is detected")
    func bareImplicit() throws {
        let bytes = try DICOMWriter.encode(TestFixtures.kitchenSink(), transferSyntax: .implicitVRLittleEndian)
        let file = try DICOMReader.parse(bytes)
        #expect(file.preamble == nil)
        #expect(file.meta.elements.isEmpty)
        #expect(file.transferSyntax == .implicitVRLittleEndian)
        #expect(file.dataSet.string(.patientID) == "ID-42")
    }

    @Test("A bare explicit little-endian data set is detected")
    func bareExplicit() throws {
        let bytes = try DICOMWriter.encode(TestFixtures.kitchenSink(), transferSyntax: .explicitVRLittleEndian)
        let file = try DICOMReader.parse(bytes)
        #expect(file.transferSyntax == .explicitVRLittleEndian)
        #expect(file.isComplete)
    }

    @Test("A bare big-endian data set is detected and its numbers swapped")
    func bareBigEndian() throws {
        let file = try DICOMReader.parse(HandBuilt.bareBigEndian)
        #expect(file.transferSyntax == .explicitVRBigEndian)
        #expect(file.dataSet.string(.patientID) == "BE42")
        #expect(file.dataSet.integer(.rows) == 256)
        #expect(file.dataSet[.columns]?.vr == .US)
        #expect(file.dataSet.integer(.columns) == 3)
    }

    @Test("UN elements known to the dictionary are re-read with its VR, UN sequences as implicit items")
    func reinterpretsUN() throws {
        let file = try DICOMReader.parse(HandBuilt.unknownVR)
        #expect(file.isComplete)
        #expect(file.dataSet[.patientID]?.vr == .LO)
        #expect(file.dataSet.string(.patientID) == "PID7")
        let sequence = try #require(file.dataSet[AttributeTag(rawValue: 0x0008_1032)])
        #expect(sequence.vr == .SQ)
        #expect(sequence.items.first?.string(AttributeTag(rawValue: 0x0008_0100)) == "CODE")
        #expect(file.dataSet.string(AttributeTag(rawValue: 0x0008_0050)) == "ODD")
        let raw = try DICOMReader.parse(HandBuilt.unknownVR, options: ParseOptions(reinterpretUN: false))
        #expect(raw.dataSet[.patientID]?.vr == .UN)
    }

    @Test("Nested undefined-length sequences, defined-length items and private creators")
    func nestedUndefinedLengths() throws {
        let file = try DICOMReader.parse(HandBuilt.nestedUndefined)
        #expect(file.isComplete)
        let outer = try #require(file.dataSet[AttributeTag(rawValue: 0x0009_1001)])
        #expect(file.dataSet.privateCreator(of: outer.tag) == "VENDOR X")
        let inner = try #require(outer.items.first?[AttributeTag(rawValue: 0x0040_0275)])
        #expect(inner.items.first?.string(AttributeTag(rawValue: 0x0040_0009)) == "ABCD")
        #expect(file.dataSet.string(.patientID) == "NESTED")
    }

    @Test("Encapsulated pixel data records each fragment's offset and length")
    func fragments() throws {
        let file = try DICOMReader.parse(HandBuilt.fragments, options: ParseOptions(loadBulkData: false))
        #expect(file.isComplete)
        #expect(file.transferSyntax.isEncapsulated)
        guard case let .encapsulated(pixels) = file.dataSet[.pixelData]?.value else {
            Issue.record("pixel data is not encapsulated")
            return
        }
        #expect(pixels.offsetTable.length == 4)
        #expect(pixels.fragments.map(\.length) == [6, 2])
        #expect(pixels.fragments.allSatisfy { $0.bytes == nil })
        let first = pixels.fragments[0]
        #expect(Array(HandBuilt.fragments[first.offset ..< first.offset + first.length]) == [1, 2, 3, 4, 5, 6])
    }

    @Test("The header-only path stops at Pixel Data and records where it is")
    func headerOnly() throws {
        let bytes = try DICOMWriter.part10(TestFixtures.kitchenSink())
        let file = try DICOMReader.parse(bytes, options: .headerOnly)
        #expect(file.isComplete)
        let pixels = try #require(file.dataSet[.pixelData])
        #expect(pixels.value == .notLoaded)
        #expect(pixels.length == 8)
        #expect(Array(bytes[pixels.valueOffset ..< pixels.valueOffset + 8]) == [0x10, 0, 0x20, 0, 0x30, 0, 0x40, 0])
    }

    @Test("The selected-tags path keeps only the requested top-level elements")
    func selectedTags() throws {
        let bytes = try DICOMWriter.part10(TestFixtures.kitchenSink(), transferSyntax: .implicitVRLittleEndian)
        let file = try DICOMReader.parse(bytes, options: .selected([.patientID, .rows, .modality]))
        #expect(file.isComplete)
        #expect(file.dataSet.elements.map(\.tag) == [.specificCharacterSet, .modality, .patientID, .rows])
        #expect(file.dataSet.integer(.rows) == 2)
    }

    @Test("The selected-tags path skips delimited sequences and fragments it was not asked for")
    func selectedSkipsDelimited() throws {
        let nested = try DICOMReader.parse(HandBuilt.nestedUndefined, options: .selected([.patientID]))
        #expect(nested.isComplete)
        #expect(nested.dataSet.string(.patientID) == "NESTED")
        let unknown = try DICOMReader.parse(HandBuilt.unknownVR, options: .selected([.patientID]))
        #expect(unknown.dataSet.string(.patientID) == "PID7")
    }

    @Test("Reading from disk loads a prefix first and still finds late tags")
    func readsFromDisk() throws {
        let path = "/tmp/medlake-reader-test-\(UInt32.random(in: 0 ... .max)).dcm"
        defer { _ = unlink(path) }
        var dataSet = TestFixtures.kitchenSink()
        dataSet.set(DataElement(tag: AttributeTag(rawValue: 0x0042_0011), vr: .OB,
                                value: .bytes([UInt8](repeating: 7, count: 100_000))))
        dataSet.set(.text(AttributeTag(rawValue: 0x0050_0004), .CS, "LATE"))
        try DICOMWriter.write(try DICOMWriter.part10(dataSet), to: path)
        let file = try DICOMReader.read(path: path, options: .selected([AttributeTag(rawValue: 0x0050_0004)]))
        #expect(file.isComplete)
        #expect(file.dataSet.string(AttributeTag(rawValue: 0x0050_0004)) == "LATE")
        #expect(throws: DICOMError.self) { try DICOMReader.read(path: path + ".missing") }
    }
}
