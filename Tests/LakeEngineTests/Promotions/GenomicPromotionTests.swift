import Foundation
import Testing

@testable import LakeEngine

/// Curated copies of alignment files: SAM and BAM headers rewritten (checked with samtools), CRAM refused
/// by the policy check rather than copied with its sample names.
@Suite struct GenomicPromotionTests {
    static let sam = """
        @HD\tVN:1.6\tSO:unsorted
        @SQ\tSN:chr1\tLN:1000\tAS:GRCh38
        @RG\tID:rg1\tSM:PATIENT-JANE\tPL:ILLUMINA\tLB:PATIENT-JANE-lib\tPU:HX1.1\tDS:Jane Roe, ward 4\tCN:St Elsewhere\tDT:2024-03-15
        @PG\tID:bwa\tPN:bwa\tVN:0.7.17\tCL:bwa mem ref.fa PATIENT-JANE_R1.fq
        @CO\tcollected from Jane Roe on 2024-03-15
        r1\t0\tchr1\t100\t60\t4M\t*\t0\t0\tACGT\tIIII\tRG:Z:rg1
        r2\t16\tchr1\t200\t60\t4M\t*\t0\t0\tTTGA\tIIII\tRG:Z:rg1

        """

    static func samtools(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["samtools"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw LakeError.invalidArgument("samtools \(arguments) failed") }
        return String(decoding: data, as: UTF8.self)
    }

    static func lake(with files: (String) throws -> Void) throws -> TemporaryLake {
        let lake = try TemporaryLake(owner: "alice")
        try lake.setRoles([.admin: ["alice"], .curator: ["alice", "bob"], .annotator: [], .operator: []])
        let input = try lake.inputFolder()
        try files(input)
        let alice = try lake.open(as: "alice")
        _ = try alice.ingest([input], dataset: "g")
        _ = try alice.labelDataset("g", sensitivity: nil, consentScope: "research")
        let version = try alice.publishVersion(dataset: "g")
        #expect(version.number == 2)
        return lake
    }

    @Test func samAndBAMHeadersAreRewrittenInTheCuratedCopy() throws {
        guard (try? Self.samtools(["--version"])) != nil else { return }
        let lake = try Self.lake { input in
            try write(Self.sam, to: input + "/PATIENT-JANE.sam")
            _ = try Self.samtools(["view", "-b", "-o", input + "/PATIENT-JANE.bam", input + "/PATIENT-JANE.sam"])
        }
        let alice = try lake.open(as: "alice")
        let request = try alice.requestPromotion("g@2", to: "curated", select: nil, reason: "")
        #expect(request.state == .pending, "\(request.checks.filter { !$0.passed })")
        let done = try lake.open(as: "bob").approvePromotion(id: request.id, comment: "ok")
        #expect(done.state == .executed, "\(done.error ?? "")")
        let curated = try alice.manifest(done.target ?? "")
        #expect(curated.transforms.contains { $0.name == "sample-pseudonymization" && $0.parameters["sam_bam_header"] != nil })
        for format in ["SAM", "BAM"] {
            let entry = try #require(curated.entries.first { $0.format == format })
            #expect(entry.derivedFrom != nil && entry.sha256 != entry.derivedFrom)
            #expect(!entry.path.contains("PATIENT-JANE"))
            let path = try alice.readablePath(of: entry.sha256)
            let header = try Self.samtools(["view", "-H", path])
            #expect(!header.contains("PATIENT-JANE") && !header.contains("Jane") && !header.contains("Elsewhere"))
            #expect(!header.contains("@CO") && !header.contains("DT:"))
            #expect(header.contains("SM:ANON-S-") && header.contains("PU:HX1.1") && header.contains("ID:rg1"))
            #expect(try Self.samtools(["view", path]).split(separator: "\n").count == 2)
        }
    }

    @Test func cramIsRefusedByThePolicyCheck() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("GenomicsTests/Fixtures")
        let lake = try Self.lake { input in
            try FileManager.default.copyItem(
                atPath: fixtures.appendingPathComponent("sample.cram").path, toPath: input + "/sample.cram")
        }
        let request = try lake.open(as: "alice").requestPromotion("g@2", to: "curated", select: nil, reason: "")
        #expect(request.state == .blocked)
        let check = try #require(request.checks.first { $0.code == "deidentification" })
        #expect(!check.passed)
        #expect(check.detail.contains("CRAM header not de-identifiable by MedLake: convert to BAM"))
    }
}
