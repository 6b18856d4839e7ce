import Foundation

/// Runs samtools or bcftools as a subprocess, so tests compare MedLake with htslib on the same files.
enum PeerTool {
    /// True when `tool` is on the PATH (CI installs samtools, bcftools and tabix).
    static func available(_ tool: String) -> Bool {
        (try? run(tool, ["--version"])) != nil
    }

    /// The standard output of `tool arguments…`; throws when it exits non-zero.
    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "\(tool) failed"])
        }
        return String(decoding: data, as: UTF8.self)
    }
}
