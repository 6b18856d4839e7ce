import Foundation
import Testing

/// The documents generated from the sources match them: each test runs the generator's `--check`
/// mode, which prints the diff and the command that regenerates the file when they drift.
@Suite struct GeneratedDocsTests {
    /// The repository's root (this file is `Tests/DocsTests/GeneratedDocsTests.swift`).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    @Test("docs/ARCHITECTURE.md's module graph is what `swift package describe` says of Package.swift")
    func architectureGraph() throws {
        // The script runs `swift package describe` with a scratch folder of its own, so the build lock that
        // `swift test` holds on .build does not block it.
        let result = try Self.run("Scripts/generate-architecture.py", "--check")
        #expect(result.status == 0, "\(result.output)")
    }

    @Test("docs/workbench.md's captures are the workbench's golden snapshots")
    func workbenchCaptures() throws {
        let result = try Self.run("Scripts/generate-workbench-doc.py", "--check")
        #expect(result.status == 0, "\(result.output)")
    }

    @Test("README.md stays a user's guide: at most 300 lines")
    func readmeLength() throws {
        let text = try String(contentsOfFile: Self.root + "/README.md", encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count - (text.hasSuffix("\n") ? 1 : 0)
        #expect(lines <= 300, "README.md has \(lines) lines: move reference material to docs/")
    }

    @Test("Every relative link in README.md and docs/ names a file that exists")
    func relativeLinksResolve() throws {
        let documents = ["README.md"] + (FileManager.default.subpaths(atPath: Self.root + "/docs") ?? [])
            .filter { $0.hasSuffix(".md") }.map { "docs/" + $0 }
        #expect(documents.count > 1)
        for document in documents {
            let path = Self.root + "/" + document
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            let text = try String(contentsOfFile: path, encoding: .utf8)
            for match in text.matches(of: /\]\(([^)#\s]+)(#[^)]*)?\)/) {
                let target = String(match.1)
                if target.contains("://") || target.hasPrefix("mailto:") { continue }
                let linked = folder.appendingPathComponent(target).standardizedFileURL.path
                #expect(FileManager.default.fileExists(atPath: linked), "\(document) links to \(target)")
            }
        }
    }

    /// Runs `python3 SCRIPT ARGUMENTS…` in the repository's root.
    static func run(_ script: String, _ arguments: String...) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
