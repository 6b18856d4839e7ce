import Foundation

extension LakeConfiguration {
    /// `text` (a `lake.toml`) with its `[roles]` table replaced by `roles`, everything else kept as written
    /// (comments included). A file without a `[roles]` table gets one at the end.
    static func replacingRoles(in text: String, with roles: [Role: Set<String>]) -> String {
        var table = ["[roles]"]
        for role in Role.allCases {
            let users = (roles[role] ?? []).sorted().map(tomlString).joined(separator: ", ")
            table.append("\(role.rawValue) = [\(users)]")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let isHeader = { (line: String) in line.trimmingCharacters(in: .whitespaces).hasPrefix("[") }
        guard let start = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "[roles]" }) else {
            return text + (text.hasSuffix("\n") ? "\n" : "\n\n") + table.joined(separator: "\n") + "\n"
        }
        var end = lines[(start + 1)...].firstIndex(where: isHeader) ?? lines.count
        // Comments and blank lines just above the next table belong to it.
        while end - 1 > start, lines[end - 1].trimmingCharacters(in: .whitespaces).hasPrefix("#")
            || lines[end - 1].trimmingCharacters(in: .whitespaces).isEmpty
        {
            end -= 1
        }
        lines.replaceSubrange(start..<end, with: table)
        return lines.joined(separator: "\n")
    }
}
