import Catalog
import Foundation
@testable import LakeEngine

/// Lakes with listings longer than one page of a list: the catalog rows are written by the benchmarks'
/// `generate-catalog.py` (real SQLite rows in the lake's own schema, made in a second where ingesting
/// thousands of DICOM files would take minutes).
///
/// Series `i` (1-based) has UID `1.2.826.0.1.3680043.10.2.<i>` and description `Series <i>`; study `i` has
/// UID `1.2.826.0.1.3680043.10.1.<i>` and patient `P<i, six digits>`; instance `i` has UID
/// `1.2.826.0.1.3680043.10.3.<i>`. Dataset `big` holds the long study (`1.2.826.0.1.3680043.10.1.1`); dataset
/// `ds002` holds the rest (the script gives every dataset some series).
enum LongStudyFixture {
    /// The long study's UID.
    static let studyUID = "1.2.826.0.1.3680043.10.1.1"

    /// Series `index`'s UID.
    static func seriesUID(_ index: Int) -> String { "1.2.826.0.1.3680043.10.2.\(index)" }

    /// Builds the lake in `<FixtureFolder.path>/<name>` with one study of `series` series (one instance each)
    /// and `samples` genomic samples (dataset `genomes`, names `S0000001`…).
    static func make(_ name: String, series: Int = 2_500, samples: Int = 0) throws -> Lake {
        try generate(name, [
            "--instances", String(series + 10), "--series", String(series + 10), "--datasets", "2",
            "--first-study-series", String(series), "--samples", String(samples),
        ])
    }

    /// A lake of `studies` studies of ten series each, the first half in dataset `big`, the rest in `ds002`.
    static func manyStudies(_ name: String, studies: Int) throws -> Lake {
        try generate(name, ["--instances", String(studies * 10), "--series", String(studies * 10), "--datasets", "2"])
    }

    /// A lake whose first study (dataset `big`) holds two series of `instances` instances each, numbered
    /// 1…`instances` (dataset `ds002` holds a second study of two more).
    static func longSeries(_ name: String, instances: Int) throws -> Lake {
        try generate(name, [
            "--instances", String(instances * 4), "--series", "4", "--datasets", "2", "--first-study-series", "2",
        ])
    }

    /// Raises an open rule flag (code `needs-review`) of `severity` on each series of dataset `big` in
    /// `indexes`, in one transaction.
    static func flagSeries(_ lake: Lake, _ indexes: ClosedRange<Int>, severity: FlagSeverity = .warning) throws {
        try lake.catalog.write { tx in
            guard let dataset = try tx.dataset(named: "big")?.id else {
                throw LakeError.notFound(kind: "dataset", id: "big")
            }
            for index in indexes {
                _ = try tx.raiseRuleFlag(
                    datasetId: dataset, targetKind: .series, target: seriesUID(index), code: "needs-review",
                    severity: severity, note: "series \(index)", at: Date(timeIntervalSince1970: 0))
            }
        }
    }

    private static func generate(_ name: String, _ arguments: [String]) throws -> Lake {
        let folder = try FixtureFolder.fresh(name)
        _ = try Lake.create(at: folder + "/lake")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../Benchmarks/generate-catalog.py").standardized.path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, folder + "/lake/catalog.sqlite"] + arguments
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: script])
        }
        return try Lake.open(at: folder + "/lake", verifyingTiers: false)
    }
}
