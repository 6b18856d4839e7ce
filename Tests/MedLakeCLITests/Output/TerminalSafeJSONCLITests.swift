import DICOM
import Foundation
import Testing

/// Text that would act on a terminal, stored where a lake still accepts free text (DICOM values, file names,
/// VCF sample names, flag notes, grant reasons, run fields), comes out of every `--json` command only as
/// `\uXXXX` escapes, and the JSON still decodes to the original text.
@Suite(.serialized, .enabled(if: geteuid() == 0, "grants go to Unix users holding a role; root is the lake's admin"))
struct TerminalSafeJSONCLITests {
    /// CSI (one-byte), ESC, RIGHT-TO-LEFT OVERRIDE and LEFT-TO-RIGHT ISOLATE.
    static let dangerous: [Unicode.Scalar] = ["\u{9B}", "\u{1B}", "\u{202E}", "\u{2066}"]
    /// Free text carrying every dangerous scalar.
    static let hostile = "x\u{9B}31m\u{1B}[2J\u{202E}evil\u{2066}y"
    /// The same without ESC, for DICOM values: ESC starts an ISO 2022 code extension there.
    static let hostileValue = "v\u{9B}31m\u{202E}evil\u{2066}z"

    @Test func everyJSONCommandEscapesTerminalControlsAndKeepsTheText() throws {
        let base = NSTemporaryDirectory() + "safejson-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: base) }
        let lake = base + "/lake"
        let input = base + "/in"
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        let seriesUID = try writeHostileDICOM(to: input)
        let vcf = input + "/calls.vcf"
        try Data(("##fileformat=VCFv4.2\n##reference=GRCh38\n"
            + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t\(Self.hostile)\n"
            + "chr1\t100\t.\tA\tG\t50\tPASS\t.\tGT\t0/1\n").utf8).write(to: URL(fileURLWithPath: vcf))

        func medlake(_ arguments: [String]) throws -> MedLakeProcess.Result {
            let result = try MedLakeProcess.run(arguments + ["--lake", lake])
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            return result
        }
        #expect(try MedLakeProcess.run(["init", lake]).status == 0)
        _ = try medlake(["ingest", input, "--dataset", "d"])
        _ = try medlake(["flags", "add", "d", "needs-review", "--note", Self.hostile])
        let user = String(cString: getpwuid(geteuid()).pointee.pw_name)
        _ = try medlake(["grant", "create", user, "d", "--expires", "1h", "--reason", Self.hostile])
        _ = try medlake(["version", "publish", "d"])
        _ = try medlake([
            "run", "record", "--manifest", "d@2", "--image", "sha256:" + String(repeating: "ab", count: 32),
            "--commit", "abcdef1", "--workflow", Self.hostile, "--param", "note=\(Self.hostile)",
        ])

        let commands: [(arguments: [String], expected: String)] = [
            (["show", seriesUID, "--json"], Self.hostileValue),
            (["studies", "d", "--json"], Self.hostileValue),
            (["series", "d", "--json"], Self.hostileValue),
            (["samples", "--json"], Self.hostile),
            (["flags", "list", "--json"], Self.hostile),
            (["audit", "list", "--json"], Self.hostile),
            (["grant", "list", "--json"], Self.hostile),
            (["explain", "d@2", "--json"], Self.hostile),
            (["manifest", "export", "d@2", "--json"], Self.hostile),
        ]
        for (arguments, expected) in commands {
            let output = try medlake(arguments)
            try expectSafe(output.stdout, holds: expected, printedBy: arguments.joined(separator: " "))
        }
        let inspected = try MedLakeProcess.run(["genomics", "inspect", vcf, "--json"])
        try expectSafe(inspected.stdout, holds: Self.hostile, printedBy: "genomics inspect")
        let dumped = try MedLakeProcess.run(["dicom", "dump", input + "/hostile.dcm", "--json"])
        try expectSafe(dumped.stdout, holds: Self.hostileValue, printedBy: "dicom dump")
    }

    /// Asserts `stdout` holds no dangerous scalar raw, parses as JSON, and holds `expected` in some string
    /// (or in a string of JSON nested in a string, as audit details are).
    private func expectSafe(_ stdout: String, holds expected: String, printedBy command: String) throws {
        for scalar in Self.dangerous {
            let code = String(scalar.value, radix: 16)
            #expect(!stdout.unicodeScalars.contains(scalar), "\(command) printed U+\(code) raw")
        }
        #expect(stdout.lowercased().contains("\\u009b"), "\(command) printed no escaped CSI")
        let document = try JSONSerialization.jsonObject(with: Data(stdout.utf8), options: [.fragmentsAllowed])
        #expect(Self.strings(in: document).contains { $0.contains(expected) }, "\(command) lost the text")
    }

    /// Every string in a decoded JSON value, including those of JSON documents held in strings.
    private static func strings(in value: Any) -> [String] {
        switch value {
        case let text as String:
            guard text.hasPrefix("{") || text.hasPrefix("["),
                let nested = try? JSONSerialization.jsonObject(with: Data(text.utf8))
            else { return [text] }
            return [text] + strings(in: nested)
        case let array as [Any]: return array.flatMap(strings(in:))
        case let object as [String: Any]: return object.keys.map { $0 } + object.values.flatMap(strings(in:))
        default: return []
        }
    }

    /// Writes a CT instance whose descriptions and patient name are hostile, under a hostile file name;
    /// returns its Series Instance UID.
    private func writeHostileDICOM(to folder: String) throws -> String {
        var dataSet = SyntheticData.dataSet(for: SyntheticInstance(modality: .CT, rows: 8, columns: 8))
        dataSet.set(.text(.seriesDescription, .LO, Self.hostileValue))
        dataSet.set(.text(.studyDescription, .LO, Self.hostileValue))
        dataSet.set(.text(.patientName, .PN, Self.hostileValue))
        let bytes = try DICOMWriter.part10(dataSet)
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/hostile.dcm"))
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/\(Self.hostile).dcm"))
        return try #require(dataSet.string(.seriesInstanceUID))
    }
}
