import Foundation
import TUI

/// Writes `value` to standard output as pretty, key-sorted JSON (dates in ISO 8601), for scripts.
///
/// Every JSON the CLI prints goes through here or ``TerminalSafeJSON``, so terminal controls and bidi
/// characters in data text reach standard output only as `\uXXXX` escapes.
func printJSON(_ value: some Encodable) throws {
    FileHandle.standardOutput.write(try TerminalSafeJSON.encode(value))
}

/// Writes `value` to standard output as one line of JSON (``TerminalSafeJSON/encodeLine(_:)``), for
/// streams such as `audit list --follow --json`.
func printJSONLine(_ value: some Encodable) throws {
    FileHandle.standardOutput.write(try TerminalSafeJSON.encodeLine(value))
}
