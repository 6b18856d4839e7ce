import ArgumentParser
import Foundation
import TUI

/// Runs a command body, printing any failure to standard error, sanitized, and exiting with status 1.
///
/// Error texts can carry data (paths, UIDs, notes), so they go through `SafeText` like every other
/// output; ArgumentParser's own error printing would emit them raw.
func reportingFailures(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        let message = SafeText(String(describing: error)).text
        FileHandle.standardError.write(Data("medlake: error: \(message)\n".utf8))
        throw ExitCode.failure
    }
}

/// The asynchronous form of ``reportingFailures(_:)``; the body runs in the caller's isolation (the workbench
/// runs on the main actor, server commands anywhere).
func reportingFailures(
    isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> Void
) async throws {
    do {
        try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        let message = SafeText(String(describing: error)).text
        FileHandle.standardError.write(Data("medlake: error: \(message)\n".utf8))
        throw ExitCode.failure
    }
}
