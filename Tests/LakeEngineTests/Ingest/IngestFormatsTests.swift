import Catalog
import DICOM
import Foundation
import Testing

@testable import LakeEngine

/// Ingest of real files: DICOM written by the DICOM module's writer from its synthetic generator, and
/// small SAM/VCF/FASTQ texts; the QC rules see what the parsers read.
@Suite struct IngestFormatsTests {
    let lake: TemporaryLake
    let input: String

    init() throws {
        lake = try TemporaryLake()
        input = try lake.inputFolder()
    }

    private func writeDICOM(_ dataSet: DataSet, _ name: String, bare: Bool = false) throws {
        let bytes = bare
            ? try DICOMWriter.encode(dataSet, transferSyntax: .implicitVRLittleEndian)
            : try DICOMWriter.part10(dataSet)
        try Data(bytes).write(to: URL(fileURLWithPath: input + "/" + name))
    }

    private func series(_ instances: [Int], series: Int = 0, modality: SyntheticInstance.Modality = .CT) -> [DataSet] {
        instances.map { SyntheticData.dataSet(for: SyntheticInstance(series: series, instance: $0, modality: modality)) }
    }

    private func openFlags() throws -> [String: Int] {
        try lake.owner.listFlags(FlagFilter(state: .open)).reduce(into: [:]) { $0[$1.code, default: 0] += 1 }
    }

    @Test func dicomSeriesAreCatalogedAndChecked() throws {
        // Series 0 is complete; series 1 lacks instance 3 (numbers 1, 2, 4, 5).
        for (index, dataSet) in series([0, 1, 2, 3]).enumerated() { try writeDICOM(dataSet, "s0-\(index).dcm") }
        for (index, dataSet) in series([0, 1, 3, 4], series: 1).enumerated() {
            try writeDICOM(dataSet, "s1-\(index).dcm", bare: index == 0)
        }
        var burned = series([5], series: 1)[0]
        burned.set(.text(HeaderReader.burnedInAnnotation, .CS, "YES"))
        try writeDICOM(burned, "burned.dcm")
        // Same SOP Instance UID as s0-0, different bytes.
        var clash = series([0])[0]
        clash.set(.text(.seriesDescription, .LO, "edited"))
        try writeDICOM(clash, "clash.dcm")
        try Data("not medical at all".utf8).write(to: URL(fileURLWithPath: input + "/notes.txt"))

        let report = try lake.owner.ingest([input], dataset: "ct")
        #expect(report.byFormat == ["DICOM": 10])
        #expect(report.byModality == ["CT": 9])
        #expect(report.errors.map { URL(fileURLWithPath: $0.path).lastPathComponent } == ["notes.txt"])
        #expect(report.errors.first?.reason.contains("format not recognized") == true)

        let listing = try lake.owner.series(dataset: "ct")
        let gapSeries = try #require(series([0], series: 1)[0].string(.seriesInstanceUID))
        let counts = Dictionary(uniqueKeysWithValues: listing.map { ($0.series.seriesInstanceUID, $0.series.instanceCount) })
        #expect(counts.values.sorted() == [4, 5])
        #expect(counts[gapSeries] == 5)
        #expect(listing.allSatisfy { $0.series.modality == "CT" })
        let instance = try #require(try lake.owner.show(series([2])[0].string(.sopInstanceUID) ?? "").first)
        #expect(instance.kind == .instance)
        #expect(instance.fields.contains { $0.name == "instance number" && $0.value == "3" })
        #expect(instance.objects.count == 1)

        let flags = try openFlags()
        #expect(flags["instance-gap"] == 1)
        #expect(flags["burned-in-annotation"] == 1)
        #expect(flags["duplicate-sop-uid"] == 1)
        #expect(flags["phi-present"] == 2)
        #expect(flags["missing-required-tags"] == nil)
        #expect(try lake.owner.listFlags(FlagFilter(code: "instance-gap")).first?.target == gapSeries)
        #expect(try lake.owner.datasets(modality: "CT").first?.dataset.modalities == "CT")
        #expect(try lake.owner.datasets(modality: "MR").isEmpty)
    }

    @Test func truncatedDICOMNeverStopsTheBatch() throws {
        let whole = try DICOMWriter.part10(series([0])[0])
        try Data(whole.prefix(300)).write(to: URL(fileURLWithPath: input + "/cut.dcm"))
        try writeDICOM(series([1])[0], "fine.dcm")
        let report = try lake.owner.ingest([input], dataset: "cut")
        #expect(report.filesAdded + report.errors.count == 2)
        #expect(report.byFormat["DICOM", default: 0] >= 1)
        let missing = try lake.owner.listFlags(FlagFilter(code: "missing-required-tags"))
        #expect(report.errors.count == 1 || missing.count == 1)
    }

    @Test func requiredTagsComeFromLakeToml() throws {
        var dataSet = series([0])[0]
        dataSet.remove(.sopClassUID)
        try writeDICOM(dataSet, "noclass.dcm")
        _ = try lake.owner.ingest([input], dataset: "d")
        let flag = try #require(try lake.owner.listFlags(FlagFilter(code: "missing-required-tags")).first)
        #expect(flag.note == "missing: SOPClassUID")
        #expect(flag.targetKind == .instance)
    }

    @Test func genomicHeadersBecomeSamples() throws {
        try write("""
            @HD\tVN:1.6\tSO:coordinate
            @SQ\tSN:chr1\tLN:248956422\tAS:GRCh38
            @RG\tID:rg1\tSM:NA12878\tPL:ILLUMINA
            @PG\tID:bwa\tPN:bwa\tVN:0.7.17

            """, to: input + "/S1.sam")
        try write("""
            ##fileformat=VCFv4.3
            ##reference=GRCh38
            ##contig=<ID=chr1,length=248956422>
            #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tNA12891

            """, to: input + "/S1.vcf")
        try write("@HD\tVN:1.6\n@SQ\tSN:chr1\tLN:248956422\tAS:GRCh38\n", to: input + "/bare.sam")
        try write("@r1\nACGT\n+\nIIII\n", to: input + "/P7_S1_L001_R1_001.fastq")
        let report = try lake.owner.ingest([input], dataset: "g")
        #expect(report.byFormat == ["SAM": 2, "VCF": 1, "FASTQ": 1])
        let flags = try openFlags()
        #expect(flags["sample-name-mismatch"] == 2)
        #expect(flags["no-read-groups"] == 1)
        #expect(flags["no-reference-genome"] == nil)
        let samples = try lake.owner.samples()
        let byName = Dictionary(uniqueKeysWithValues: samples.map { ($0.sample.name, $0) })
        #expect(byName["NA12878"]?.sample.referenceGenome?.hasPrefix("GRCh38") == true)
        #expect(byName["NA12878"]?.sample.platform == "ILLUMINA")
        #expect(byName["NA12878"]?.sample.aligner?.hasPrefix("bwa") == true)
        #expect(byName["NA12891"]?.formats == "VCF")
        #expect(byName["P7"]?.formats == "FASTQ")
        #expect(byName["bare"]?.formats == "SAM")
    }
}
