import Catalog
import Foundation

extension Lake {
    /// Runs the rules that look at a whole series or sample over a dataset, raising flags not yet raised.
    ///
    /// Runs after every ingest over the dataset's series and samples, so a rerun after an interrupted ingest
    /// completes the checks even when it adds no files. Returns flags raised by code.
    func runQualityRules(datasetId: Int64, zone: String, role: Role, _ tx: CatalogTransaction) throws -> [String: Int] {
        let raiser = FlagRaiser(configuration: configuration, zone: zone)
        let check = SeriesCheck(
            spacingTolerance: configuration.quality.spacingToleranceMM,
            orientationTolerance: configuration.quality.orientationTolerance)
        let now = Date()
        var raised: [String: Int] = [:]

        let slicesBySeries = try tx.sliceGeometry(datasetId: datasetId).mapValues { geometry in
            geometry.map {
                SeriesCheck.Slice(
                    instanceNumber: $0.instanceNumber, imagePosition: $0.imagePosition,
                    imageOrientation: $0.imageOrientation)
            }
        }
        for (seriesUID, slices) in slicesBySeries.sorted(by: { $0.key < $1.key }) {
            for finding in check.findings(slices) {
                if try raiser.raise(finding.rule, datasetId: datasetId, kind: .series, target: seriesUID,
                                    note: finding.note, now: now, tx) {
                    raised[finding.rule.code, default: 0] += 1
                }
            }
        }

        // Files sharing a file-name stem belong to one sample: they must agree on its name.
        var namesByStem: [String: Set<String>] = [:]
        for text in try tx.genomicHeaderFacts(datasetId: datasetId) {
            let facts = try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))
            guard let stem = facts?["fileStem"], let names = facts?["sampleNames"], !names.isEmpty else { continue }
            namesByStem[stem, default: []].insert(names)
        }
        for (stem, names) in namesByStem.sorted(by: { $0.key < $1.key }) where names.count > 1 {
            let note = "files named \(stem).* disagree on the sample: " + names.sorted().joined(separator: " / ")
            for sample in Set(names.flatMap { $0.split(separator: ",").map(String.init) }).sorted() {
                if try raiser.raise(.sampleNameMismatch, datasetId: datasetId, kind: .sample, target: sample,
                                    note: note, now: now, tx) {
                    raised[QualityRule.sampleNameMismatch.code, default: 0] += 1
                }
            }
        }
        return raised
    }
}
