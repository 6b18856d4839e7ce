import Foundation

/// Parses grant lifetimes like `90s`, `30m`, `8h`, `7d` into seconds (spans as ``TimeSpan`` reads them).
public enum GrantDuration {
    /// The longest grant: 90 days.
    public static let maximum: TimeInterval = 90 * 86_400

    public static func seconds(_ text: String) throws -> TimeInterval {
        guard let span = TimeSpan.seconds(text), span > 0 else {
            throw LakeError.invalidArgument("Please give the lifetime as a number and a unit s, m, h or d (e.g. 8h).")
        }
        let seconds = TimeInterval(span)
        guard seconds <= maximum else { throw LakeError.invalidArgument("A grant lasts at most 90 days.") }
        return seconds
    }
}
