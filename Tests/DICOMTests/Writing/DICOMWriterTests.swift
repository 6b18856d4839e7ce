import Foundation
import Testing
@testable import DICOM

@Suite("DICOMWriter")
struct DICOMWriterTests {
    @Test("The meta group has a correct group length, version, UIDs and the syntax")
    func metaGroup() throws {
        let bytes = try DICOMWriter.part10(TestFixtures.kitchenSink(), transferSyntax: .implicitVRLittleEndian)
        #expect(Array(bytes[128 ..< 132]) == Array("DICM".utf8))
        let file = try DICOMReader.parse(bytes)
        let groupLength = try #require(file.meta.integer(.fileMetaInformationGroupLength))
        // The group length counts the bytes after its own 12-byte element up to the first data set element.
        let firstElement = try #require(file.dataSet.elements.first)
        #expect(132 + 12 + groupLength == firstElement.valueOffset - 8)
        #expect(file.meta[.fileMetaInformationVersion]?.bytes == [0, 1])
        #expect(file.meta.string(.mediaStorageSOPClassUID) == "1.2.840.10008.5.1.4.1.1.7")
        #expect(file.meta.string(.mediaStorageSOPInstanceUID) == "1.2.3.4.5.6.7")
        #expect(file.meta.string(.transferSyntaxUID) == TransferSyntax.implicitVRLittleEndian.uid)
        #expect(file.meta.string(.implementationClassUID) == DICOMWriter.implementationClassUID)
    }

    @Test("Group length elements in the data set are recomputed")
    func dataSetGroupLengths() throws {
        var dataSet = DataSet()
        dataSet.set(.uint32(AttributeTag(rawValue: 0x0010_0000), 9999))
        dataSet.set(.text(.patientName, .PN, "A^B"))
        dataSet.set(.text(.patientID, .LO, "X"))
        let file = try DICOMReader.parse(try DICOMWriter.encode(dataSet, transferSyntax: .explicitVRLittleEndian))
        // (0010,0010) PN "A^B " = 8 + 4 bytes, (0010,0020) LO "X " = 8 + 2 bytes.
        #expect(file.dataSet.integer(AttributeTag(rawValue: 0x0010_0000)) == 22)
    }

    @Test("read → write → read is lossless for every test file")
    func roundTripEveryFile() throws {
        for (name, bytes) in try TestFixtures.allFiles() {
            let first = try DICOMReader.parse(bytes)
            #expect(first.isComplete, "\(name)")
            let syntax = first.transferSyntax.isBigEndian || first.transferSyntax.isDeflated
                ? TransferSyntax.explicitVRLittleEndian : first.transferSyntax
            let rewritten = try DICOMWriter.part10(first.dataSet, transferSyntax: syntax, meta: first.meta)
            let second = try DICOMReader.parse(rewritten)
            let differences = Equivalence.differences(first.dataSet, second.dataSet)
            #expect(differences.isEmpty, "\(name): \(differences)")
            // A second pass is byte-identical: the first write already padded and normalised everything.
            #expect(try DICOMWriter.part10(second.dataSet, transferSyntax: syntax, meta: second.meta) == rewritten,
                    "\(name)")
        }
    }

    @Test("Values that were not loaded cannot be written")
    func refusesUnloadedValues() throws {
        let bytes = try DICOMWriter.part10(TestFixtures.kitchenSink())
        let header = try DICOMReader.parse(bytes, options: .headerOnly)
        #expect(throws: DICOMError.self) { try DICOMWriter.part10(header.dataSet) }
    }

    @Test("Files are written readable by owner and group only")
    func permissions() throws {
        let path = "/tmp/medlake-writer-\(UInt32.random(in: 0 ... .max)).dcm"
        defer { _ = unlink(path) }
        try DICOMWriter.write(try DICOMWriter.part10(TestFixtures.kitchenSink()), to: path)
        var status = stat()
        #expect(stat(path, &status) == 0)
        #expect(status.st_mode & 0o777 == 0o640)
    }
}
