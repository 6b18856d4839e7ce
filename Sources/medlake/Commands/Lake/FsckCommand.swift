import ArgumentParser
import Foundation
import LakeEngine
import TUI

/// `medlake fsck`: check a whole lake, optionally remove provable garbage, or rebuild a lost catalog's
/// object table from the tiers.
struct FsckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fsck",
        abstract: "Check that the catalog, the tiers and the audit log agree; exit 1 when anything is wrong.",
        discussion: """
            Checks every catalog object in its tier (size; SHA-256 with --full), object files no catalog row \
            places (orphans), in-flight temporary files, the tiers' identity files and the audit chain. \
            --repair removes only provable garbage: temporary files of dead writers, and orphans older than \
            --orphan-grace hours while no migration is open. --rebuild-objects makes a new catalog for a lake \
            whose catalog was lost and fills its object table from the tiers (see docs/integrity.md). Admin only. \
            On a served lake the service checks the lake as its own account and audits the check; \
            --rebuild-objects, and a lake whose catalog cannot be opened, are the owner's, on the folder.
            """)

    @OptionGroup var options: LakeOptions

    @Flag(help: "Also re-hash every object in a folder tier.")
    var full = false

    @Flag(help: "Remove temporary files of dead writers and old orphans (admin).")
    var repair = false

    @Option(help: "Hours an orphan must be old before --repair removes it.")
    var orphanGrace = Lake.defaultOrphanGrace / 3600

    @Flag(help: "Make a new catalog from the tiers after the catalog was lost (admin).")
    var rebuildObjects = false

    func validate() throws {
        guard orphanGrace >= 0 else { throw ValidationError("Please specify an --orphan-grace of 0 hours or more.") }
        if rebuildObjects, repair { throw ValidationError("Please run --rebuild-objects and --repair separately.") }
    }

    func run() async throws {
        try await reportingFailures {
            if rebuildObjects {
                // A lost catalog has no service to ask: the lake's owner rebuilds it on the folder.
                let (_, rebuild) = try await Lake.rebuildObjects(at: try options.root())
                if options.json { return try printJSON(rebuild) }
                for (tier, count) in rebuild.objectsByTier.sorted(by: { $0.key < $1.key }) {
                    print("Tier \(tier): \(count) objects recorded.")
                }
                for (tier, reason) in rebuild.skippedTiers.sorted(by: { $0.key < $1.key }) {
                    print(SafeText("Tier \(tier) skipped: \(reason).").text)
                }
                for hash in rebuild.damagedObjects { print("Damaged, left out: \(hash)") }
                return
            }
            // Through the service when one answers (it runs the check as its own account); otherwise
            // in-process, which on a service-owned lake only its owner can do (a catalog the service cannot
            // open keeps it from starting: the owner then checks the folder).
            let request = FsckRequest(full: full, repair: repair, orphanGrace: orphanGrace * 3600)
            let report = try await options.api(verifyingTiers: false).checkLake(request)
            if options.json {
                try printJSON(report)
            } else {
                print(Self.text(of: report))
            }
            if !report.isClean { throw ExitCode.failure }
        }
    }

    /// The report as lines a person reads (paths and details sanitized).
    static func text(of report: FsckReport) -> String {
        var lines: [String] = []
        for finding in report.repaired {
            lines.append(SafeText("removed \(finding.kind.rawValue): \(finding.path ?? "") (\(finding.detail))").text)
        }
        for finding in report.findings {
            let place = [finding.tier.map { "tier \($0)" }, finding.object, finding.path].compactMap { $0 }
            let garbage = finding.removable ? " [garbage: --repair removes it]" : ""
            lines.append(SafeText("\(finding.kind.rawValue): \(place.joined(separator: " ")): \(finding.detail)\(garbage)").text)
        }
        let checked = "\(report.objectsChecked) objects checked" + (report.full ? " and re-hashed" : "")
        lines.append(report.isClean ? "Lake clean: \(checked)." : "\(report.findings.count) problems: \(checked).")
        return lines.joined(separator: "\n")
    }
}
