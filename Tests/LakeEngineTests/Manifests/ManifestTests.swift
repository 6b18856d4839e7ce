import Foundation
import Storage
import Testing

@testable import LakeEngine

@Suite struct ManifestTests {
    @Test func idIsTheHashOfTheCanonicalBytes() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        let (hash, bytes) = try alice.exportManifest("ct@2")
        #expect(ContentHasher.digest(of: bytes).hex == hash)
        #expect(try alice.versions(dataset: "ct").last?.manifestHash == hash)
        let manifest = try Manifest.parse(Data(bytes), source: "test")
        #expect(manifest.canonicalBytes == bytes)
        #expect(!bytes.contains(0x0A))
        #expect(manifest.entries.count == 6)
        #expect(manifest.entries.map(\.path) == manifest.entries.map(\.path).sorted())
        #expect(manifest.entries.allSatisfy { $0.sopInstanceUID != nil && $0.modality == "CT" })
        #expect(try alice.exportManifest(String(hash.prefix(10))).hash == hash)
        #expect(try alice.exportManifest("ct@latest").hash == hash)
    }

    @Test func verifyDetectsACorruptObjectAndAnEditedFile() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        #expect(try alice.verifyManifest("ct@2").isIntact)

        let entry = try alice.manifest("ct@2").entries[2]
        let path = try alice.objectPath(try #require(ObjectDigest(hex: entry.sha256)), tier: "hot")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[bytes.count - 1] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: path))
        let result = try alice.verifyManifest("ct@2")
        #expect(!result.isIntact)
        #expect(result.problems.map(\.status) == [.corrupt])
        #expect(result.problems.first?.sha256 == entry.sha256)

        let file = fixture.lake.root + "/../exported-\(UUID().uuidString).json"
        var text = String(decoding: try alice.exportManifest("ct@2").bytes, as: UTF8.self)
        text = text.replacingOccurrences(of: "\"zone\":\"raw\"", with: "\"zone\": \"raw\"")
        try text.write(toFile: file, atomically: false, encoding: .utf8)
        #expect(try alice.verifyManifest(file).manifestIntact == false)
    }

    @Test func diffShowsMembersFlagsAndTransforms() throws {
        let fixture = try GovernanceLake()
        let alice = try fixture.open("alice")
        let sop = try alice.manifest("ct@2").entries[0].sopInstanceUID ?? ""
        _ = try alice.grantAccess(user: "dave", dataset: "ct", scope: .annotate, lifetime: 3600, reason: "QC")
        _ = try fixture.open("dave").addFlag(target: sop, code: "artifact", severity: .warning, note: "streaks")
        try write("extra", to: fixture.input + "/../extra-\(UUID().uuidString)/note.bin")
        _ = try alice.publishVersion(dataset: "ct")
        let diff = try alice.diffManifests("ct@2", "ct@3")
        #expect(diff.added.isEmpty && diff.removed.isEmpty && diff.changed.isEmpty)
        #expect(diff.flagChanges.map(\.code) == ["artifact"])
        #expect(diff.flagChanges.first?.before == nil)

        let request = try alice.requestPromotion("ct@3", to: "curated", select: "flags=no-open-warnings", reason: "")
        #expect(request.selectedCount == 5)
        let done = try fixture.open("bob").approvePromotion(id: request.id, comment: "ok")
        let curated = try alice.diffManifests("ct@3", done.target ?? "")
        #expect(curated.changed.count == 5)
        #expect(curated.removed.count == 1)
        #expect(curated.transformsAdded.map(\.name) == ["dicom-deidentification"])
    }
}
