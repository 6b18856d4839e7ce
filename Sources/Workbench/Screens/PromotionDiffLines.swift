import LakeEngine

/// The lines of the Promotions screen's Diff pane: counts first, then the added, removed and changed
/// members grouped by study and series (imaging) or sample (genomics), each group with its count and
/// every member by its file name, so that long paths which differ only at the end never look the same.
enum PromotionDiffLines {
    static func lines(_ diff: ManifestDiff) -> [String] {
        var lines = [
            "added \(diff.added.count)  removed \(diff.removed.count)  changed \(diff.changed.count)",
            "flag changes \(diff.flagChanges.count)  transforms +\(diff.transformsAdded.count) -\(diff.transformsRemoved.count)",
        ]
        lines += grouped("+", diff.added)
        lines += grouped("-", diff.removed)
        lines += grouped("~", diff.changed.map(\.to))
        lines += diff.flagChanges.map { "flag \($0.code) on \($0.target): \($0.before ?? "new") → \($0.after ?? "gone")" }
        return lines
    }

    /// `entries` under `study …` / `series …` and `sample …` headings, in first-seen order.
    private static func grouped(_ sign: String, _ entries: [ManifestEntry]) -> [String] {
        guard !entries.isEmpty else { return [] }
        var order: [String] = []
        var groups: [String: [ManifestEntry]] = [:]
        for entry in entries {
            let key = heading(entry)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(entry)
        }
        var lines: [String] = []
        var study: String?
        for key in order {
            let members = groups[key] ?? []
            if let first = members.first, let uid = first.studyUID, uid != study {
                study = uid
                let count = entries.filter { $0.studyUID == uid }.count
                lines.append("\(sign) study \(uid) (\(count))")
            }
            lines.append("\(sign)   \(key) (\(members.count))")
            lines += members.map { "\(sign)     \(fileName($0.path))" }
        }
        return lines
    }

    private static func heading(_ entry: ManifestEntry) -> String {
        if let series = entry.seriesUID {
            return "series \(series)" + (entry.modality.map { " \($0)" } ?? "")
        }
        if let sample = entry.sample { return "sample \(sample)" }
        return "other files"
    }

    private static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
