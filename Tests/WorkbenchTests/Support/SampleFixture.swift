import DICOM
import Foundation
@testable import LakeEngine

/// A small real lake for workbench tests, built in the run's ``FixtureFolder``: a CT series
/// with a missing slice, an MR series, a CR whose PatientName holds escape sequences, a VCF sample,
/// and review flags of each severity.
enum SampleFixture {
    static let hostileName = "Evil^\u{1B}[2J\u{1B}]52;c;aGFja2Vk\u{07}Mallory"

    /// Builds the lake in `<FixtureFolder.path>/<name>` (replacing what was there).
    static func make(_ name: String) throws -> Lake {
        let folder = try FixtureFolder.fresh(name)
        let sources = folder + "/sources"
        try FileManager.default.createDirectory(atPath: sources + "/genomics", withIntermediateDirectories: true)
        let lake = try Lake.create(at: folder + "/lake", catalog: FixtureCatalog.settings(forLake: folder + "/lake"))
        try useFixedPseudonymKey(lake)
        for slice in [0, 1, 3, 4] {
            try writeInstance(patient: 0, series: 0, instance: slice, modality: .CT, to: sources + "/imaging")
        }
        for slice in 0..<3 {
            try writeInstance(patient: 1, series: 0, instance: slice, modality: .MR, to: sources + "/imaging")
        }
        try writeInstance(patient: 2, series: 0, instance: 0, modality: .CR, to: sources + "/imaging", hostile: true)
        let vcf = """
            ##fileformat=VCFv4.3
            ##reference=GRCh38
            ##contig=<ID=chr22,length=2000>
            ##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">
            #CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tNA0001
            chr22\t100\t.\tA\tG\t50\tPASS\tDP=20\tGT\t0/1

            """
        try Data(vcf.utf8).write(to: URL(fileURLWithPath: sources + "/genomics/NA0001.vcf"))
        _ = try lake.ingest([sources + "/imaging"], dataset: "scans")
        _ = try lake.ingest([sources + "/genomics"], dataset: "variants")
        let series = try lake.series(dataset: "scans")
        if let first = series.first {
            try lake.addFlag(target: first.series.seriesInstanceUID, code: "needs-review", severity: .warning,
                             note: "check slice count")
        }
        if let last = series.last {
            try lake.addFlag(target: last.series.seriesInstanceUID, code: "consent-issue", severity: .blocking,
                             note: "no consent form")
        }
        return lake
    }

    /// Replaces the lake's random pseudonym key with a fixed one before anything is ingested, so the
    /// keyed patient pseudonyms on screen (and in the golden snapshots) are the same on every run.
    static func useFixedPseudonymKey(_ lake: Lake) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: lake.root + "/keys/pseudonym.key"))
        defer { try? handle.close() }
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data((0..<32).map { UInt8($0) }))
    }

    private static func writeInstance(
        patient: Int, series: Int, instance: Int, modality: SyntheticInstance.Modality, to folder: String,
        hostile: Bool = false
    ) throws {
        var dataSet = SyntheticData.dataSet(for: SyntheticInstance(
            patient: patient, series: series, instance: instance, modality: modality, rows: 32, columns: 32, seed: 3))
        var pixels: [UInt8] = []
        for row in 0..<32 {
            for column in 0..<32 {
                let inside = (row - 16) * (row - 16) + (column - 16) * (column - 16) < 100
                let value: UInt16 = inside ? 2000 : 100
                pixels += [UInt8(value & 0xFF), UInt8(value >> 8)]
            }
        }
        dataSet.set(DataElement(tag: .pixelData, vr: .OW, value: .bytes(pixels)))
        if hostile {
            dataSet.set(.text(.patientName, .PN, hostileName))
            dataSet.set(.text(.seriesDescription, .LO, "hostile \u{1B}[2J name"))
        }
        let path = folder + "/p\(patient)s\(series)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try DICOMWriter.write(try DICOMWriter.part10(dataSet), to: path + "/\(instance).dcm")
    }
}
