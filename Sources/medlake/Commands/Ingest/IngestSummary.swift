import LakeEngine

/// The human summary printed after an ingest.
struct IngestSummary {
    let report: IngestReport

    var text: String {
        var lines: [String] = []
        let rate = report.seconds > 0 ? Double(report.filesSeen) / report.seconds : 0
        lines.append(
            "Dataset \(safe(report.dataset)): \(report.filesSeen) files (\(byteCount(report.bytesSeen))) in "
                + String(format: "%.1f s (%.0f files/s)", report.seconds, rate))
        if report.filesSeen == 0 {
            lines.append("No files found.")
        } else if report.addedNothing && report.errors.isEmpty {
            lines.append("Nothing new: the dataset already holds all \(report.filesAlreadyPresent) files.")
        } else {
            lines.append(
                "  new: \(report.filesAdded)  already present: \(report.filesAlreadyPresent)  "
                    + "objects written: \(report.objectsWritten) (\(byteCount(report.bytesWritten)))"
                    + (report.objectsAlreadyStored > 0 ? "  already stored: \(report.objectsAlreadyStored)" : ""))
        }
        if !report.byFormat.isEmpty { lines.append("  by format: " + Self.counts(report.byFormat)) }
        if !report.byModality.isEmpty { lines.append("  by modality: " + Self.counts(report.byModality)) }
        if !report.flagsRaised.isEmpty { lines.append("  flags raised: " + Self.counts(report.flagsRaised)) }
        if !report.errors.isEmpty {
            lines.append("  errors: \(report.errors.count)")
            for problem in report.errors.prefix(20) { lines.append("    \(safe(problem.path)): \(safe(problem.reason))") }
            if report.errors.count > 20 { lines.append("    … and \(report.errors.count - 20) more (see --json)") }
        }
        if !report.skipped.isEmpty {
            lines.append("  skipped: \(report.skipped.count)")
            for problem in report.skipped.prefix(20) { lines.append("    \(safe(problem.path)): \(safe(problem.reason))") }
        }
        return lines.joined(separator: "\n")
    }

    static func counts(_ counts: [String: Int]) -> String {
        counts.sorted { $0.key < $1.key }.map { "\(safe($0.key.isEmpty ? "(none)" : $0.key)) \($0.value)" }
            .joined(separator: ", ")
    }
}
