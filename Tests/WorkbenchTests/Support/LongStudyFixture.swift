import Foundation
@testable import LakeEngine

/// A lake whose first study holds more series than one page of a list: the catalog rows are written by
/// the benchmarks' `generate-catalog.py` (real SQLite rows in the lake's own schema, made in a second
/// where ingesting thousands of DICOM files would take minutes).
///
/// Series `i` (1-based) has UID `1.2.826.0.1.3680043.10.2.<i>` and description `Series <i>`; dataset
/// `big` holds the long study (`1.2.826.0.1.3680043.10.1.1`, patient `P000001`); dataset `ds002` holds
/// one more study of ten series (the script gives every dataset some series).
enum LongStudyFixture {
    /// The long study's UID.
    static let studyUID = "1.2.826.0.1.3680043.10.1.1"

    /// Series `index`'s UID.
    static func seriesUID(_ index: Int) -> String { "1.2.826.0.1.3680043.10.2.\(index)" }

    /// Builds the lake in `<FixtureFolder.path>/<name>` with one study of `series` series (one instance each)
    /// and `samples` genomic samples (dataset `genomes`, names `S0000001`…).
    static func make(_ name: String, series: Int = 2_500, samples: Int = 0) throws -> Lake {
        let folder = try FixtureFolder.fresh(name)
        _ = try Lake.create(at: folder + "/lake")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../Benchmarks/generate-catalog.py").standardized.path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, folder + "/lake/catalog.sqlite", "--instances", String(series + 10),
                             "--series", String(series + 10), "--datasets", "2", "--first-study-series", String(series),
                             "--samples", String(samples)]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: script])
        }
        return try Lake.open(at: folder + "/lake", verifyingTiers: false)
    }
}
