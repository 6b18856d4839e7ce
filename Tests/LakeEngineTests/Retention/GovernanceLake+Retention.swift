import Foundation

@testable import LakeEngine

extension GovernanceLake {
    /// Appends TOML to `lake.toml` (new tables such as `[[retention.policies]]` or `[quality_score]`).
    func appendSettings(_ text: String) throws {
        let path = lake.root + "/lake.toml"
        let current = try String(contentsOfFile: path, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        try (current + "\n" + text + "\n").write(toFile: path, atomically: false, encoding: .utf8)
    }

    /// The date `days` days from now: retention ages without waiting.
    static func daysFromNow(_ days: Double) -> Date { Date().addingTimeInterval(days * 86_400) }
}
