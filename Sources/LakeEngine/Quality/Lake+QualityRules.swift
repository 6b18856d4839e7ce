import Catalog
import Foundation
import GRDB

extension Lake {
    /// Runs the rules that look at a whole series or sample over a dataset, raising flags not yet raised.
    ///
    /// Runs after every ingest over the dataset's series and samples, so a rerun after an interrupted ingest
    /// completes the checks even when it adds no files. Returns flags raised by code.
    func runQualityRules(datasetId: Int64, zone: String, role: Role, _ db: Database) throws -> [String: Int] {
        let raiser = FlagRaiser(configuration: configuration, zone: zone)
        let check = SeriesCheck(
            spacingTolerance: configuration.quality.spacingToleranceMM,
            orientationTolerance: configuration.quality.orientationTolerance)
        let now = Date()
        var raised: [String: Int] = [:]

        // Columns by position and series by id: this reads every instance of the dataset.
        var slicesBySeries: [Int64: [SeriesCheck.Slice]] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT i.seriesId, i.instanceNumber, i.imagePosition, i.imageOrientation
                FROM series s JOIN instance i ON i.seriesId = s.id WHERE s.datasetId = ?
                """,
            arguments: [datasetId])
        while let row = try rows.next() {
            let slice = SeriesCheck.Slice(instanceNumber: row[1], imagePosition: row[2], imageOrientation: row[3])
            slicesBySeries[row[0], default: []].append(slice)
        }
        let seriesUIDs = try Dictionary(
            Row.fetchAll(db, sql: "SELECT id, seriesInstanceUID FROM series WHERE datasetId = ?", arguments: [datasetId])
                .map { row -> (Int64, String) in (row[0], row[1]) },
            uniquingKeysWith: { first, _ in first })
        let seriesSlices = slicesBySeries.compactMap { id, slices in seriesUIDs[id].map { ($0, slices) } }
        for (seriesUID, slices) in seriesSlices.sorted(by: { $0.0 < $1.0 }) {
            for finding in check.findings(slices) {
                if try raiser.raise(finding.rule, datasetId: datasetId, kind: "series", target: seriesUID,
                                    note: finding.note, now: now, db) {
                    raised[finding.rule.code, default: 0] += 1
                }
            }
        }

        // Files sharing a file-name stem belong to one sample: they must agree on its name.
        var namesByStem: [String: Set<String>] = [:]
        let files = try String.fetchCursor(
            db,
            sql: """
                SELECT DISTINCT f.headerFacts FROM sample p JOIN genomicFile f ON f.sampleId = p.id
                WHERE p.datasetId = ?
                """,
            arguments: [datasetId])
        while let text = try files.next() {
            let facts = try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))
            guard let stem = facts?["fileStem"], let names = facts?["sampleNames"], !names.isEmpty else { continue }
            namesByStem[stem, default: []].insert(names)
        }
        for (stem, names) in namesByStem.sorted(by: { $0.key < $1.key }) where names.count > 1 {
            let note = "files named \(stem).* disagree on the sample: " + names.sorted().joined(separator: " / ")
            for sample in Set(names.flatMap { $0.split(separator: ",").map(String.init) }).sorted() {
                if try raiser.raise(.sampleNameMismatch, datasetId: datasetId, kind: "sample", target: sample,
                                    note: note, now: now, db) {
                    raised[QualityRule.sampleNameMismatch.code, default: 0] += 1
                }
            }
        }
        return raised
    }
}
