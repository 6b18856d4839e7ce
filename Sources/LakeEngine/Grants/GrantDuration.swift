import Foundation

/// Parses grant lifetimes like `90s`, `30m`, `8h`, `7d` into seconds.
public enum GrantDuration {
    /// The longest grant: 90 days.
    public static let maximum: TimeInterval = 90 * 86_400

    public static func seconds(_ text: String) throws -> TimeInterval {
        let units: [Character: TimeInterval] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        guard let unit = text.last, let scale = units[unit], let count = Int(text.dropLast()), count > 0 else {
            throw LakeError.invalidArgument("Please give the lifetime as a number and a unit s, m, h or d (e.g. 8h).")
        }
        let seconds = TimeInterval(count) * scale
        guard seconds <= maximum else { throw LakeError.invalidArgument("A grant lasts at most 90 days.") }
        return seconds
    }
}
