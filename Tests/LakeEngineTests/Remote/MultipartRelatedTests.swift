import Testing

@testable import LakeEngine

@Suite struct MultipartRelatedTests {
    @Test func boundaryParameterQuotedOrNot() {
        #expect(MultipartRelated.boundary(in: "multipart/related; type=\"application/dicom\"; boundary=abc") == "abc")
        #expect(MultipartRelated.boundary(in: "multipart/related; boundary=\"a b\"") == "a b")
        #expect(MultipartRelated.boundary(in: "application/dicom") == nil)
    }

    @Test func partsKeepBinaryBodiesExactly() throws {
        let first: [UInt8] = [0, 1, 0x0D, 0x0A, 0x2D, 0x2D, 255]
        let second: [UInt8] = Array("DICM".utf8)
        var body = Array("--b1\r\nContent-Type: application/dicom\r\n\r\n".utf8) + first
        body += Array("\r\n--b1\r\nContent-Type: application/dicom\r\n\r\n".utf8) + second
        body += Array("\r\n--b1--\r\n".utf8)
        #expect(try MultipartRelated.parts(of: body, boundary: "b1", url: "u") == [first, second])
    }

    @Test func bodyWithoutDelimitersIsAnError() {
        #expect(throws: RemoteSourceError.self) {
            try MultipartRelated.parts(of: Array("no parts here".utf8), boundary: "b1", url: "u")
        }
    }
}
