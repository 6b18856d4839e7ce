import Catalog
import DICOM
import Foundation
import Storage

extension Lake {
    /// Runs the policy checks of a promotion of `members` of `resolved` into `zone`, as much of them as
    /// `run` asks for (see ``PolicyCheckRun``), in a fixed order: role, blocking flags, quality score,
    /// de-identification, consent, readability.
    func policyChecks(
        _ resolved: ResolvedVersion, _ members: [VersionMember], to zone: String, role: Role, run: PolicyCheckRun
    ) throws -> [PolicyCheck] {
        let recorded: [PolicyCheck]? = if case .review(let checks) = run { checks } else { nil }
        func kept(_ code: String) -> PolicyCheck? { recorded?.first { $0.code == code } }
        var checks = [kept("role") ?? PolicyCheck(code: "role", passed: true, detail: "\(actor.user) requests as \(role.rawValue)")]
        checks.append(try blockingFlagsCheck(resolved, members))
        if let scoreCheck = try qualityScoreCheck(resolved, members, to: zone) { checks.append(scoreCheck) }
        if let recorded {
            checks += recorded.filter { $0.code == "deidentification" }
        } else if zone == "curated" {
            if case .request = run { checks.append(dryRunDeidentificationCheck(members)) }
        } else if zone != configuration.ingestZone {
            checks.append(deidentifiedSourceCheck(resolved, members))
        }
        checks.append(consentCheck(resolved.dataset, zone: zone))
        checks.append(try readableCheck(members))
        return checks
    }

    // MARK: - Checks

    private func blockingFlagsCheck(_ resolved: ResolvedVersion, _ members: [VersionMember]) throws -> PolicyCheck {
        var targets: Set<String> = [resolved.dataset.name]
        for member in members { targets.formUnion(member.entry.flagTargets) }
        let datasetId = resolved.dataset.id
        let live = try datasetId.map { id in
            try catalog.read { tx in try tx.flags(state: .open, severity: .blocking, datasetId: id) }
        } ?? []
        var blocking = Set(live.filter { targets.contains($0.target) }.map { "\($0.code) on \($0.target)" })
        for flag in resolved.manifest.flags
        where flag.state == "open" && flag.severity == FlagSeverity.blocking.rawValue && targets.contains(flag.target) {
            blocking.insert("\(flag.code) on \(flag.target)")
        }
        let listed = blocking.sorted().prefix(5).joined(separator: "; ")
        return PolicyCheck(
            code: "blocking-flags", passed: blocking.isEmpty,
            detail: blocking.isEmpty ? "no open blocking flags" : "\(blocking.count) open blocking flag(s): \(listed)")
    }

    private func dryRunDeidentificationCheck(_ members: [VersionMember]) -> PolicyCheck {
        let options = configuration.governance.deidentification
        var generator = SystemRandomNumberGenerator()
        let throwaway = DeidentificationKey(bytes: (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        let deidentifier = Deidentifier(options: options, keying: throwaway)
        var dicom = 0
        var failures: [String] = []
        var unknown = 0
        for member in members {
            switch member.entry.format {
            case "DICOM":
                dicom += 1
                do {
                    let original = try readDICOM(member).dataSet
                    let findings = PHIScanner.scan(deidentifier.deidentify(original), original: original, options: options)
                    if let first = findings.first { failures.append("\(member.entry.sha256.prefix(12)): \(first)") }
                } catch {
                    failures.append("\(member.entry.sha256.prefix(12)): \(error)")
                }
            case "unknown":
                unknown += 1
            default:
                continue
            }
        }
        if unknown > 0 { failures.append("\(unknown) object(s) of unknown format cannot be de-identified") }
        failures += genomicHeaderProblems(members)
        return PolicyCheck(
            code: "deidentification", passed: failures.isEmpty,
            detail: failures.isEmpty
                ? "\(dicom) DICOM object(s) de-identify cleanly (PS3.15 E.1-1 Basic; outputs re-scanned)"
                : "\(failures.count) problem(s): " + failures.prefix(3).joined(separator: "; "))
    }

    /// Genomic members a curated copy cannot de-identify: CRAM and BCF (headers MedLake cannot rewrite),
    /// and SAM/BAM/VCF headers the rewriters refuse (tried in memory; execution tries again).
    private func genomicHeaderProblems(_ members: [VersionMember]) -> [String] {
        var problems: [String] = []
        for member in members {
            let format = member.entry.format
            if let refusal = GenomicHeaderPolicy.refusal(format: format) {
                problems.append("\(member.entry.sha256.prefix(12)): \(refusal)")
            } else if GenomicHeaderPolicy.rewritten.contains(format) {
                do {
                    let bytes = try Data(contentsOf: URL(fileURLWithPath: try objectFile(member)))
                    _ = try GenomicHeaderPolicy.rewrite(Array(bytes), format: format) { _ in "ANON" }
                } catch {
                    problems.append("\(member.entry.sha256.prefix(12)): \(error)")
                }
            }
        }
        return problems
    }

    /// For zones after curated: the source must have been de-identified, and its DICOM objects must
    /// re-scan clean now.
    private func deidentifiedSourceCheck(_ resolved: ResolvedVersion, _ members: [VersionMember]) -> PolicyCheck {
        guard resolved.manifest.transforms.contains(where: { $0.name == DeidentificationTransform.dicomName })
            || !members.contains(where: { $0.entry.format == "DICOM" })
        else {
            return PolicyCheck(
                code: "deidentification", passed: false,
                detail: "\(resolved.reference) was not made by the de-identification transform")
        }
        let options = configuration.governance.deidentification
        var failures: [String] = []
        for member in members where member.entry.format == "DICOM" {
            do {
                if let first = PHIScanner.scan(try readDICOM(member).dataSet, options: options).first {
                    failures.append("\(member.entry.sha256.prefix(12)): \(first)")
                }
            } catch {
                failures.append("\(member.entry.sha256.prefix(12)): \(error)")
            }
        }
        return PolicyCheck(
            code: "deidentification", passed: failures.isEmpty,
            detail: failures.isEmpty
                ? "source de-identified; \(members.filter { $0.entry.format == "DICOM" }.count) DICOM object(s) re-scanned clean"
                : "\(failures.count) object(s) carry identifying data: " + failures.prefix(3).joined(separator: "; "))
    }

    private func consentCheck(_ dataset: Dataset, zone: String) -> PolicyCheck {
        guard let use = configuration.governance.consentUse[zone] else {
            return PolicyCheck(code: "consent", passed: true, detail: "no consent use required for \(zone)")
        }
        let scope = dataset.consentScope.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let passed = scope.contains(use) || scope.contains("all")
        return PolicyCheck(
            code: "consent", passed: passed,
            detail: passed
                ? "consent scope '\(dataset.consentScope)' allows \(use)"
                : "consent scope '\(dataset.consentScope)' does not allow \(use) (medlake label \(dataset.name) --consent …)")
    }

    private func readableCheck(_ members: [VersionMember]) throws -> PolicyCheck {
        let objects = try catalog.read { tx in try tx.objects(ids: Set(members.map(\.objectId))) }
        var waiting: [String] = []
        var missing: [String] = []
        for object in objects {
            let restore = configuration.tiers[object.tier]?.restoreRequired ?? false
            if restore || object.state != .present {
                waiting.append(String(object.sha256.prefix(12)))
            } else if let digest = ObjectDigest(hex: object.sha256), !(try tier(named: object.tier).contains(digest)) {
                missing.append(String(object.sha256.prefix(12)))
            }
        }
        var problems: [String] = []
        if !waiting.isEmpty {
            problems.append("\(waiting.count) waiting for a restore or moving (\(waiting.prefix(3).joined(separator: ", ")))")
        }
        if !missing.isEmpty { problems.append("\(missing.count) missing (\(missing.prefix(3).joined(separator: ", ")))") }
        return PolicyCheck(
            code: "readable", passed: problems.isEmpty,
            detail: problems.isEmpty ? "all \(objects.count) object(s) readable" : problems.joined(separator: "; "))
    }

    // MARK: - Reading objects

    /// The object file of `member` in its current tier.
    func objectFile(_ member: VersionMember) throws -> String {
        let object = try catalog.read { tx in try tx.object(id: member.objectId) }
        guard let object, let digest = ObjectDigest(hex: object.sha256) else {
            throw GovernanceError.unreadableObject(sha256: member.entry.sha256, reason: "not in the catalog")
        }
        return try objectPath(digest, tier: object.tier)
    }

    /// The whole DICOM file of a member; a damaged file is an error (it cannot be de-identified safely).
    func readDICOM(_ member: VersionMember) throws -> DICOMFile {
        let path = try objectFile(member)
        let file: DICOMFile
        do {
            file = try DICOMReader.read(path: path)
        } catch {
            throw GovernanceError.unreadableObject(sha256: member.entry.sha256, reason: error.description)
        }
        if let error = file.error {
            throw GovernanceError.unreadableObject(sha256: member.entry.sha256, reason: error.description)
        }
        return file
    }
}
