import Catalog
import Foundation
import Testing

@testable import LakeEngine

/// Flag codes by target kind: imaging targets are offered imaging and general codes, samples genomics
/// and general ones, and a code that does not fit its target is refused.
@Suite struct FlagCodeDomainTests {
    static let sam = """
        @HD\tVN:1.6\tSO:unsorted
        @SQ\tSN:chr1\tLN:1000\tAS:GRCh38
        @RG\tID:rg1\tSM:SAMPLE-7\tPL:ILLUMINA
        r1\t0\tchr1\t100\t60\t4M\t*\t0\t0\tACGT\tIIII\tRG:Z:rg1

        """

    @Test func eachKindIsOfferedTheCodesThatFitIt() throws {
        let lake = try TemporaryLake()
        let codes = { (kind: FlagTargetKind) in Set(lake.owner.flagCodes(for: kind).map(\.code)) }
        #expect(codes(.series).isSuperset(of: ["burned-in-annotation", "artifact", "needs-review", "wrong-label"]))
        #expect(codes(.series).isDisjoint(with: ["no-reference-genome", "truncated-bgzf", "corrupt-object"]))
        #expect(codes(.sample).isSuperset(of: ["sample-name-mismatch", "no-read-groups", "needs-review", "consent-issue"]))
        #expect(codes(.sample).isDisjoint(with: ["burned-in-annotation", "artifact", "wrong-laterality", "instance-gap"]))
        #expect(codes(.genomicFile) == codes(.sample))
        #expect(codes(.study) == codes(.instance))
        #expect(codes(.dataset) == Set(lake.owner.configuration.flagCodes.keys))
        let sorted = lake.owner.flagCodes(for: .series).map(\.code)
        #expect(sorted == sorted.sorted())
    }

    @Test func aCodeThatDoesNotFitTheTargetIsRefused() throws {
        let lake = try TemporaryLake()
        let input = try lake.inputFolder()
        try write(Self.sam, to: input + "/SAMPLE-7.sam")
        _ = try lake.owner.ingest([input], dataset: "g")
        let refusal = #expect(throws: LakeError.self) {
            try lake.owner.addFlag(target: "SAMPLE-7", code: "burned-in-annotation", note: "")
        }
        guard case .flagCodeNotForTarget("burned-in-annotation", .sample) = refusal else {
            Issue.record("\(String(describing: refusal))")
            return
        }
        #expect(try lake.owner.addFlag(target: "SAMPLE-7", code: "no-read-groups", note: "").targetKind == .sample)
        #expect(try lake.owner.addFlag(target: "SAMPLE-7", code: "needs-review", note: "").targetKind == .sample)
        #expect(try lake.owner.listFlags(FlagFilter(target: "SAMPLE-7")).map(\.code) == ["no-read-groups", "needs-review"])
    }

    @Test func lakeTomlGivesACodeItsDomain() throws {
        let lake = try TemporaryLake()
        let path = lake.root + "/lake.toml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try write(text + "\n[flags.codes.low-coverage]\nseverity = \"warning\"\ndomain = \"genomics\"\n", to: path)
        let reopened = try lake.open(as: "alice")
        #expect(reopened.flagCodes(for: .sample).contains { $0.code == "low-coverage" })
        #expect(!reopened.flagCodes(for: .series).contains { $0.code == "low-coverage" })

        try write(text + "\n[flags.codes.low-coverage]\ndomain = \"proteomics\"\n", to: path)
        #expect(throws: (any Error).self) { try lake.open(as: "alice") }
    }
}
