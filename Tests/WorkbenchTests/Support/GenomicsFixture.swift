import Foundation
@testable import Genomics
@testable import LakeEngine

/// A genomics lake for the inspector tests: a plain VCF (NA0001), a SAM whose header names
/// ``contigCount`` contigs, a read group and a two-program chain (NA0002), and a BGZF VCF cut before
/// its EOF block (NA0003).
enum GenomicsFixture {
    static let contigCount = 3200

    static func make(_ name: String) throws -> Lake {
        let folder = try FixtureFolder.fresh(name)
        let sources = folder + "/sources/genomics"
        try FileManager.default.createDirectory(atPath: sources, withIntermediateDirectories: true)
        let lake = try Lake.create(at: folder + "/lake", catalog: FixtureCatalog.settings(forLake: folder + "/lake"))
        try write(vcf(sample: "NA0001", contigs: ["chr22"]), to: sources + "/NA0001.vcf")
        var sam = "@HD\tVN:1.6\tSO:coordinate\n"
        for index in 1...contigCount { sam += "@SQ\tSN:contig_\(index)\tLN:\(1000 + index)\tAS:GRCh38\n" }
        sam += "@RG\tID:rg1\tSM:NA0002\tPL:ILLUMINA\tLB:lib1\tPU:FC1.1\n"
        sam += "@PG\tID:bwa\tPN:bwa\tVN:0.7.17\tCL:bwa mem ref.fa r1.fq r2.fq\n"
        sam += "@PG\tID:samtools\tPN:samtools\tPP:bwa\tVN:1.16\n"
        sam += "r1\t0\tcontig_1\t1\t60\t4M\t*\t0\t0\tACGT\tIIII\n"
        try write(sam, to: sources + "/NA0002.sam")
        let compressed = try BGZFWriter.compress(Array(vcf(sample: "NA0003", contigs: ["chr1", "chr2"]).utf8))
        try Data(compressed.dropLast(BGZFBlock.eofMarker.count))
            .write(to: URL(fileURLWithPath: sources + "/NA0003.vcf.gz"))
        _ = try lake.ingest([sources], dataset: "cohort")
        return lake
    }

    private static func vcf(sample: String, contigs: [String]) -> String {
        """
        ##fileformat=VCFv4.3
        ##reference=GRCh38
        \(contigs.map { "##contig=<ID=\($0),length=50000>" }.joined(separator: "\n"))
        ##INFO=<ID=DP,Number=1,Type=Integer,Description="Total depth">
        ##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
        ##FILTER=<ID=q10,Description="Quality below 10">
        ##source=MedLakeFixture
        #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t\(sample)
        \(contigs[0])\t100\t.\tA\tG\t50\tPASS\tDP=20\tGT\t0/1

        """
    }

    private static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }
}
