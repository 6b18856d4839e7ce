import Testing

@testable import Storage

@Suite struct ContentHasherTests {
    @Test func knownVectors() {
        #expect(ContentHasher.digest(of: Array("abc".utf8)).hex
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ContentHasher.digest(of: [UInt8]()).hex
            == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func chunkedEqualsOneShot() {
        let bytes = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var hasher = ContentHasher()
        for start in stride(from: 0, to: bytes.count, by: 7_919) {
            hasher.update(bytes[start..<min(start + 7_919, bytes.count)])
        }
        #expect(hasher.finalize() == ContentHasher.digest(of: bytes))
    }

    @Test func digestTextIsValidated() {
        #expect(ObjectDigest(hex: String(repeating: "A", count: 64))?.hex == String(repeating: "a", count: 64))
        #expect(ObjectDigest(hex: String(repeating: "a", count: 63)) == nil)
        #expect(ObjectDigest(hex: String(repeating: "g", count: 64)) == nil)
        #expect(ObjectDigest(hex: "../" + String(repeating: "a", count: 61)) == nil)
    }
}
