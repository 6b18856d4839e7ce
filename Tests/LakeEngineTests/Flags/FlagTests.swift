import Foundation
import Testing

@testable import LakeEngine

@Suite struct FlagTests {
    let lake: TemporaryLake

    init() throws {
        lake = try TemporaryLake()
        let input = try lake.inputFolder()
        try write("payload", to: input + "/a.bin")
        _ = try lake.owner.ingest([input], dataset: "d1", options: IngestOptions(keepUnknown: true))
    }

    @Test func codesComeFromTheVocabulary() throws {
        #expect(throws: LakeError.self) { try lake.owner.addFlag(target: "d1", code: "made-up", note: "") }
        let flag = try lake.owner.addFlag(target: "d1", code: "motion-artifact", note: "series 3 blurred")
        #expect(flag.severity == .warning)
        #expect(flag.source == .person)
        #expect(flag.targetKind == .dataset)
    }

    @Test func vocabularyIsExtensibleInLakeToml() throws {
        let path = lake.root + "/lake.toml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try write(text + "\n[flags.codes.contrast-timing]\nseverity = \"blocking\"\ndescription = \"Wrong phase\"\n", to: path)
        let reopened = try lake.open(as: "alice")
        #expect(try reopened.addFlag(target: "d1", code: "contrast-timing", note: "").severity == .blocking)
    }

    @Test func unknownTargetIsRejected() {
        #expect(throws: LakeError.self) { try lake.owner.addFlag(target: "1.2.999", code: "needs-review", note: "") }
    }

    @Test func resolveThenNoFurtherChange() throws {
        let flag = try lake.owner.addFlag(target: "d1", code: "needs-review", severity: .blocking, note: "look")
        #expect(flag.severity == .blocking)
        let id = try #require(flag.id)
        #expect(throws: LakeError.self) { try lake.owner.resolveFlag(id: id, note: "  ") }
        let resolved = try lake.owner.resolveFlag(id: id, note: "looked")
        #expect(resolved.state == .resolved)
        #expect(resolved.resolution == "looked")
        #expect(throws: LakeError.self) { try lake.owner.waiveFlag(id: id, reason: "again") }
        #expect(try lake.owner.listFlags(FlagFilter(state: .open, dataset: "d1")).isEmpty)
        #expect(try lake.owner.listFlags(FlagFilter(state: .resolved)).map(\.id) == [id])
        let actions = try lake.owner.auditEvents(AuditFilter(action: "flag.")).map(\.action)
        #expect(actions == ["flag.add", "flag.resolve"])
    }
}
