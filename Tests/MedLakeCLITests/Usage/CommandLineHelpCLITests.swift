import Foundation
import Testing

/// A command line that helps: typos get the nearest valid word (and only a likely one), `--json` turns every
/// failure into a coded JSON object on standard error, `--version` and completion scripts need no lake.
@Suite struct CommandLineHelpCLITests {
    /// The error object `--json` writes to standard error.
    struct ErrorJSON: Decodable {
        var code: String
        var message: String
        var argument: String?
        var command: String?
        var suggestion: String?
        var kind: String?
        var id: String?
        var user: String?
        var permission: String?
        var path: String?
        var errno: Int32?
    }

    static func error(_ result: MedLakeProcess.Result) throws -> ErrorJSON {
        try JSONDecoder().decode(ErrorJSON.self, from: Data(result.stderr.utf8))
    }

    /// A mistyped command line, the code it must fail with, and the suggestion (none when nothing is close).
    struct Typo: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var code: String
        var suggestion: String?
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let typos = [
        Typo(arguments: ["datsets"], code: "unknownCommand", suggestion: "datasets"),
        Typo(arguments: ["flags", "ad"], code: "unknownCommand", suggestion: "add"),
        Typo(arguments: ["dicom", "tagz", "x.dcm"], code: "unknownCommand", suggestion: "tags"),
        Typo(arguments: ["promote", "aprove", "1"], code: "unknownCommand", suggestion: "approve"),
        Typo(arguments: ["frobnicate"], code: "unknownCommand", suggestion: nil),
        Typo(arguments: ["flags", "add", "ct", "qc", "--sevrity", "info"], code: "unknownOption", suggestion: "--severity"),
        Typo(arguments: ["flags", "add", "ct", "qc", "--sev", "info"], code: "unknownOption", suggestion: "--severity"),
        Typo(arguments: ["flags", "add", "ct", "qc", "--code", "qc"], code: "unknownOption", suggestion: nil),
        Typo(arguments: ["datasets", "--lkae", "/x"], code: "unknownOption", suggestion: "--lake"),
    ]

    @Test(arguments: typos)
    func typoNamesTheLikelyWordOrNone(_ typo: Typo) throws {
        let text = try MedLakeProcess.run(typo.arguments, in: "/tmp")
        #expect(text.status == 64)
        let word = typo.code == "unknownCommand" ? "command" : "option"
        #expect(text.stderr.hasPrefix("medlake: error: Unknown \(word) "), "\(text.stderr)")
        if let suggestion = typo.suggestion {
            #expect(text.stderr.contains("Did you mean '\(suggestion)'?"), "\(text.stderr)")
        } else {
            #expect(!text.stderr.contains("Did you mean"), "\(text.stderr)")
        }

        let json = try MedLakeProcess.run(typo.arguments + ["--json"], in: "/tmp")
        #expect(json.status == 64)
        #expect(json.stdout.isEmpty)
        let object = try Self.error(json)
        #expect(object.code == typo.code)
        #expect(object.suggestion == typo.suggestion)
        #expect(object.argument.map { typo.arguments.contains($0) } == true)
    }

    @Test("--code on flags add is not mistaken for --note: it names the positional <code> instead")
    func positionalGivenAsAnOption() throws {
        let result = try MedLakeProcess.run(["flags", "add", "ct", "qc", "--code", "qc"], in: "/tmp")
        #expect(!result.stderr.contains("--note"))
        #expect(result.stderr.contains("<code> is given without a name: medlake flags add <target> <code>"))
    }

    @Test("A mistyped word full of terminal controls is escaped in the JSON error and sanitized in text")
    func hostileWordIsEscaped() throws {
        let word = "\u{1B}]52;c;aGk=\u{07}\u{9B}2J"
        let json = try MedLakeProcess.run([word, "--json"], in: "/tmp")
        #expect(json.status == 64)
        #expect(!json.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B || $0.value == 0x07 })
        #expect(try Self.error(json).argument == word)
        let text = try MedLakeProcess.run([word], in: "/tmp")
        #expect(!text.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B || $0.value == 0x07 })
        #expect(text.stderr.contains("^[]52;c;aGk=^G"))
    }

    @Test("Outside any lake: a lake command fails with lakeNotFound; a bad value with invalidArgument")
    func noLakeAndBadArgument() throws {
        let noLake = try MedLakeProcess.run(["datasets", "--json"], in: "/tmp")
        #expect(noLake.status == 1)
        let object = try Self.error(noLake)
        #expect(object.code == "lakeNotFound")
        #expect(object.path == "/tmp")

        let badSince = try MedLakeProcess.run(["audit", "list", "--since", "soon", "--json"], in: "/tmp")
        #expect(badSince.status == 64)
        #expect(try Self.error(badSince).code == "invalidArgument")
        let missing = try MedLakeProcess.run(["flags", "add", "ct", "--json"], in: "/tmp")
        #expect(missing.status == 64)
        #expect(try Self.error(missing).code == "invalidArgument")
    }

    @Test("--version prints the version from any folder and at any level, no lake needed")
    func versionAnywhere() throws {
        for arguments in [["--version"], ["datasets", "--version"], ["flags", "add", "--version"], ["--version", "--json"]] {
            let result = try MedLakeProcess.run(arguments, in: "/tmp")
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(result.stdout.wholeMatch(of: /\d+\.\d+\.\d+\n/) != nil, "\(arguments): \(result.stdout)")
            #expect(result.stderr.isEmpty)
        }
    }

    @Test("Completion scripts name the real subcommands; the bash one is valid bash", arguments: ["bash", "zsh", "fish"])
    func completionScript(_ shell: String) throws {
        let result = try MedLakeProcess.run(["--generate-completion-script", shell], in: "/tmp")
        #expect(result.status == 0, "\(result.stderr)")
        for name in ["datasets", "ingest", "flags", "waive", "audit", "verify", "severity"] {
            #expect(result.stdout.contains(name), "\(shell) script lacks \(name)")
        }
        #expect(!result.stdout.contains("datsets"))
        let checker = ["bash": "/bin/bash", "zsh": "/usr/bin/zsh", "fish": "/usr/bin/fish"][shell] ?? ""
        guard FileManager.default.isExecutableFile(atPath: checker) else {
            #expect(shell != "bash", "bash is needed to check the bash script")
            return
        }
        let script = NSTemporaryDirectory() + "medlake-completion-" + UUID().uuidString
        try Data(result.stdout.utf8).write(to: URL(fileURLWithPath: script))
        defer { try? FileManager.default.removeItem(atPath: script) }
        let check = Process()
        check.executableURL = URL(fileURLWithPath: checker)
        check.arguments = ["-n", script]
        try check.run()
        check.waitUntilExit()
        #expect(check.terminationStatus == 0, "\(checker) -n rejects the \(shell) script")
    }
}
