import DICOM
import Foundation

@testable import LakeEngine

/// A temporary lake holding a DICOM dataset `ct` (2 series of a CT study, one of them CHEST) and a VCF
/// dataset, labelled with consent for research and training, and published as `ct@2`.
struct GovernanceLake {
    let lake: TemporaryLake
    let input: String

    /// alice: admin and curator (requests); bob and carol: curators (approve); dave: annotator.
    init(instances: Int = 3) throws {
        lake = try TemporaryLake(owner: "alice")
        try lake.setRoles([
            .admin: ["alice"], .curator: ["alice", "bob", "carol"], .annotator: ["dave"], .operator: ["erin"],
        ])
        input = try lake.inputFolder()
        for series in 0..<2 {
            for instance in 0..<instances {
                let spec = SyntheticInstance(
                    patient: 0, study: 0, series: series, instance: instance, modality: .CT, rows: 8, columns: 8,
                    includesSequences: true, includesPrivateBlock: true)
                let bytes = try DICOMWriter.part10(SyntheticData.dataSet(for: spec))
                try Data(bytes).write(to: URL(fileURLWithPath: "\(input)/s\(series)-i\(instance).dcm"))
            }
        }
        let alice = try open("alice")
        _ = try alice.ingest([input], dataset: "ct")
        _ = try alice.labelDataset("ct", sensitivity: nil, consentScope: "research,ai-training")
        _ = try alice.publishVersion(dataset: "ct")
    }

    func open(_ user: String) throws -> Lake { try lake.open(as: user) }
}
