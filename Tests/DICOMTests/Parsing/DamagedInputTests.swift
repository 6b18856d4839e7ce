import Testing
@testable import DICOM

@Suite("Damaged input")
struct DamagedInputTests {
    @Test("Every test file truncated at every byte: no crash, an error or a complete result")
    func truncationAtEveryOffset() throws {
        for (name, bytes) in try TestFixtures.allFiles() {
            for options in [ParseOptions.full, .headerOnly, .selected([.patientID, .rows])] {
                for cut in 0 ..< bytes.count {
                    do {
                        let file = try DICOMReader.parse(Array(bytes[0 ..< cut]), options: options)
                        // Offsets in a deflated file count bytes of the inflated stream, not of the file.
                        if let error = file.error, !file.transferSyntax.isDeflated {
                            #expect(error.offset <= cut, "\(name) cut at \(cut)")
                        }
                    } catch {
                        var isInflate = false
                        if case .inflateFailed = error.kind { isInflate = true }
                        #expect(error.kind == .notDICOM || isInflate, "\(name) cut at \(cut): \(error)")
                    }
                }
            }
        }
    }

    @Test("A truncated file keeps the elements before the damage and names where it is")
    func truncatedKeepsPrefix() throws {
        let bytes = try DICOMWriter.part10(TestFixtures.kitchenSink())
        let whole = try DICOMReader.parse(bytes)
        let pixels = try #require(whole.dataSet[.pixelData])
        let file = try DICOMReader.parse(Array(bytes[0 ..< pixels.valueOffset + 3]))
        #expect(!file.isComplete)
        let error = try #require(file.error)
        #expect(error.tag == .pixelData)
        #expect(error.kind == .lengthBeyondEnd(length: 8, remaining: 3))
        #expect(file.dataSet.elements.count == whole.dataSet.elements.count - 1)
        #expect(file.dataSet.string(.patientID) == "ID-42")
    }

    @Test("A corrupted length is refused before anything is allocated")
    func hugeLength() throws {
        let bytes = HandBuilt.part10(syntax: "1.2.840.10008.1.2.1", body:
            HandBuilt.explicit(0x0010, 0x0020, "LO", Array("OK".utf8))
                + HandBuilt.explicit(0x0042, 0x0011, "OB", [1, 2], length: 0xFFFF_FFF0))
        let file = try DICOMReader.parse(bytes)
        #expect(file.error?.kind == .lengthBeyondEnd(length: 0xFFFF_FFF0, remaining: 2))
        #expect(file.error?.tag == AttributeTag(rawValue: 0x0042_0011))
        #expect(file.error?.offset == bytes.count - 14)
        #expect(file.dataSet.string(.patientID) == "OK")
    }

    @Test("Invalid VR bytes are reported with their offset and tag")
    func badVR() throws {
        let bytes = HandBuilt.part10(syntax: "1.2.840.10008.1.2.1", body:
            HandBuilt.explicit(0x0010, 0x0020, "LO", Array("OK".utf8)) + HandBuilt.explicit(0x0010, 0x0030, "zz", []))
        let file = try DICOMReader.parse(bytes)
        #expect(file.error?.kind == .badVR(0x7A, 0x7A))
        #expect(file.error?.tag == AttributeTag(rawValue: 0x0010_0030))
    }

    @Test("Sequences nested deeper than 64 are refused")
    func nestingTooDeep() throws {
        var body: [UInt8] = []
        for _ in 0 ..< 70 { body += HandBuilt.explicit(0x0040, 0x0275, "SQ", [], length: 0xFFFF_FFFF) + HandBuilt.item() }
        let file = try DICOMReader.parse(HandBuilt.part10(syntax: "1.2.840.10008.1.2.1", body: body))
        #expect(file.error?.kind == .nestingTooDeep)
        #expect(file.error?.tag == AttributeTag(rawValue: 0x0040_0275))
        let skipped = try DICOMReader.parse(HandBuilt.part10(syntax: "1.2.840.10008.1.2.1", body: body),
                                            options: .selected([AttributeTag(rawValue: 0x0050_0004)]))
        #expect(skipped.error?.kind == .nestingTooDeep)
    }

    @Test("Bytes that are not DICOM throw notDICOM")
    func notDICOM() {
        #expect(throws: DICOMError(.notDICOM, offset: 0)) { try DICOMReader.parse(Array("%PDF-1.7 hello world".utf8)) }
        #expect(throws: DICOMError(.notDICOM, offset: 0)) { try DICOMReader.parse([]) }
    }

    @Test("A corrupt deflate stream is an error, not a crash")
    func corruptDeflate() throws {
        var bytes = try DICOMWriter.part10(TestFixtures.kitchenSink(), transferSyntax: .deflatedExplicitVRLittleEndian)
        let metaEnd = bytes.count - 40
        for index in metaEnd ..< bytes.count { bytes[index] ^= 0x5A }
        do {
            let file = try DICOMReader.parse(bytes)
            #expect(!file.isComplete)
        } catch {
            if case .inflateFailed = error.kind {} else { Issue.record("unexpected \(error)") }
        }
    }
}
