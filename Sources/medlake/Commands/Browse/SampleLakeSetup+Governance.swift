import Foundation
import LakeEngine

extension SampleLakeSetup {
    /// The governance part of the sample lake: a published training version of `sample-genomics` with a
    /// recorded run (raw → curated → training, each requested by `medlake-sample` and approved by the
    /// running user), and a pending promotion of `sample-imaging` requested by `medlake-sample`, whose
    /// requests go through a service run meanwhile (``SampleService``).
    ///
    /// Without a second identity (not root) it publishes `sample-genomics@1` in the raw zone with a recorded
    /// run, and returns the note saying what is missing and why.
    static func addGovernance(_ lake: Lake) async throws -> SampleSetupNote? {
        // The consent the policy checks ask of curated and training data.
        for dataset in ["sample-genomics", "sample-imaging"] {
            _ = try lake.labelDataset(dataset, sensitivity: nil, consentScope: "research,ai-training")
        }
        let genomics = try lake.publishVersion(dataset: "sample-genomics")
        let requester: SampleRequester
        switch SampleRequester.make(for: lake) {
        case .success(let made):
            requester = made
        case .failure(let note):
            try recordRun(lake, manifest: genomics.reference)
            return note
        }
        defer { requester.remove() }
        let service = try await SampleService.start(lake)
        let outcome: Result<SampleSetupNote?, any Error>
        do {
            outcome = .success(try await requestPromotions(lake, from: genomics.reference, requester: requester))
        } catch let note as SampleSetupNote {
            outcome = .success(note)
        } catch {
            outcome = .failure(error)
        }
        await service.stop()
        return try outcome.get()
    }

    /// The promotions `medlake-sample` requests: `sample-genomics` to curated and training (approved here,
    /// with a training run), then `sample-imaging` to curated (left pending).
    private static func requestPromotions(
        _ lake: Lake, from genomics: String, requester: SampleRequester
    ) async throws -> SampleSetupNote? {
        // MedLake cannot de-identify the CRAM, and the BAM's read-group ids carry the sample name: the
        // curated set keeps the VCF and the FASTQ pair.
        let curated = try await promote(genomics, to: "curated", select: "format=VCF,FASTQ flags=no-open-blocking",
                                        lake: lake, requester: requester)
        let training = try await promote(curated, to: "training", select: "flags=no-open-blocking", lake: lake,
                                         requester: requester)
        try recordRun(lake, manifest: training)
        let imaging = try lake.publishVersion(dataset: "sample-imaging")
        try await requester.medlake([
            "promote", "request", imaging.reference, "--to", "curated", "--select", "flags=no-open-blocking",
            "--reason", "De-identified cohort for the segmentation study",
        ])
        return nil
    }

    /// `medlake-sample` requests promotion of the members `select` keeps of `reference` into `zone`; the
    /// running user approves it (the
    /// sample lake needs one approval per zone), which executes it. Returns the new version's reference.
    private static func promote(
        _ reference: String, to zone: String, select: String, lake: Lake, requester: SampleRequester
    ) async throws -> String {
        try await requester.medlake([
            "promote", "request", reference, "--to", zone, "--select", select,
            "--reason", "Sample lake: \(zone) set for the variant-calling benchmark",
        ])
        guard let request = try lake.promotions(state: .pending).first(where: { $0.source == reference }) else {
            throw SampleSetupNote.requestFailed("the request for \(reference) is not pending (policy checks failed)")
        }
        let approved = try lake.approvePromotion(id: request.id, comment: "Checked by the sample lake setup")
        guard approved.state == .executed, let target = approved.target else {
            throw SampleSetupNote.requestFailed(approved.error ?? "promotion \(request.id) is \(approved.state.rawValue)")
        }
        return target
    }

    private static func recordRun(_ lake: Lake, manifest: String) throws {
        try lake.recordRun(
            manifest: manifest, image: "sha256:" + String(repeating: "ab", count: 32), commit: "0123456789abcdef",
            workflow: "sample-workflow-1", serviceAccount: "svc-sample-training", parameters: ["epochs": "3"])
    }
}
