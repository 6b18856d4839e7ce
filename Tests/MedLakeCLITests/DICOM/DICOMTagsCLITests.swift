import Foundation
import Testing

/// `medlake dicom tags` through the real binary: values as the DICOM JSON model gives them, folders read in
/// name order, hostile values made visible, and a bad file reported without losing the others' lines.
@Suite struct DICOMTagsCLITests {
    static let tags = ["PatientID", "Modality", "Rows", "Columns", "SOPInstanceUID", "StudyDate", "ImageType"]
    /// The same tags as DICOM JSON keys.
    static let keys = ["00100020", "00080060", "00280010", "00280011", "00080018", "00080020", "00080008"]

    /// A folder of generated files (the corpus mix of modalities), removed by `cleanUp`.
    struct Corpus {
        let folder = NSTemporaryDirectory() + "dicom-tags-" + UUID().uuidString

        init() throws {
            let generated = try MedLakeProcess.run(["dicom", "generate", "--count", "5", "--output", folder])
            guard generated.status == 0 else { throw CocoaError(.fileWriteUnknown) }
        }

        var files: [String] {
            get throws { try FileManager.default.contentsOfDirectory(atPath: folder).sorted().map { folder + "/" + $0 } }
        }

        func cleanUp() { try? FileManager.default.removeItem(atPath: folder) }
    }

    static func run(_ paths: [String]) throws -> MedLakeProcess.Result {
        try MedLakeProcess.run(["dicom", "tags"] + tags.flatMap { ["--tag", $0] } + paths)
    }

    @Test("Each line is the path and the values the DICOM JSON dump holds, joined by a backslash")
    func valuesMatchTheJSONDump() throws {
        let corpus = try Corpus()
        defer { corpus.cleanUp() }
        let files = try corpus.files
        let result = try Self.run(files)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == files.count)
        for (line, path) in zip(lines, files) {
            let dumped = try MedLakeProcess.run(["dicom", "dump", "--json", path])
            let object = try #require(
                (try JSONSerialization.jsonObject(with: Data(dumped.stdout.utf8)) as? [[String: Any]])?.first)
            let expected = Self.keys.map { key in
                let values = (object[key] as? [String: Any])?["Value"] as? [Any] ?? []
                return values.map { "\($0)" }.joined(separator: "\\")
            }
            #expect(line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) == [path] + expected)
        }
    }

    @Test("A folder reads every file below it in name order, like listing them")
    func folderIsReadInNameOrder() throws {
        let corpus = try Corpus()
        defer { corpus.cleanUp() }
        let listed = try Self.run(try corpus.files)
        let folder = try Self.run([corpus.folder])
        #expect(folder.status == 0)
        #expect(folder.stdout == listed.stdout)
        #expect(!folder.stdout.isEmpty)
    }

    @Test("--files-from reads a list of names as if they were arguments")
    func filesFromList() throws {
        let corpus = try Corpus()
        defer { corpus.cleanUp() }
        let files = try corpus.files
        let listed = try Self.run(files)
        let list = corpus.folder + ".list"
        try Data((files.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: list))
        defer { try? FileManager.default.removeItem(atPath: list) }
        let fromFile = try Self.run(["--files-from", list])
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(fromFile.stdout == listed.stdout)
        let both = try Self.run([files[0], "--files-from", list])
        #expect(both.stdout.split(separator: "\n").count == files.count + 1)
        let none = try MedLakeProcess.run(["dicom", "tags", "--tag", "PatientID"])
        #expect(none.status == 64)
    }

    @Test("Control characters in a value are shown as caret notation, never written raw")
    func hostileValueIsMadeVisible() throws {
        let corpus = try Corpus()
        defer { corpus.cleanUp() }
        let path = try corpus.files[0]
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        // Patient ID (0010,0020): its value follows the tag and 4 bytes (VR and length, or a 32-bit length).
        let tag: [UInt8] = [0x10, 0x00, 0x20, 0x00]
        let start = try #require(bytes.indices.first { bytes[$0...].starts(with: tag) }) + 8
        bytes[start] = 0x1B  // "SYN1000" becomes ESC [ N1000, a CSI sequence
        bytes[start + 1] = 0x5B
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let result = try Self.run([path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.utf8.contains(0x1B))
        #expect(result.stdout.contains("\t^[[N"))
    }

    @Test("A file that is not DICOM is reported on standard error; the others are still printed; exit 1")
    func badFileIsReported() throws {
        let corpus = try Corpus()
        defer { corpus.cleanUp() }
        try Data("not dicom".utf8).write(to: URL(fileURLWithPath: corpus.folder + "/000002-bad.dcm"))
        let result = try Self.run([corpus.folder])
        #expect(result.status == 1)
        #expect(result.stderr.contains("000002-bad.dcm"))
        #expect(result.stdout.split(separator: "\n").count == 5)
        #expect(!result.stdout.contains("000002-bad.dcm"))
    }
}
