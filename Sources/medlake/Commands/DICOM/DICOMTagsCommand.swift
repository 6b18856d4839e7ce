import ArgumentParser
import DICOM
import Foundation
import TUI

/// `medlake dicom tags FILE… --tag PatientID --tag 0008,0060`: print selected values, tab-separated.
struct DICOMTagsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tags",
        abstract: "Print selected top-level values of DICOM files, one tab-separated line per file."
    )

    @Option(name: .long, help: "A keyword (PatientID) or a tag (0010,0020); repeat for several.",
            transform: Self.parseTag)
    var tag: [AttributeTag]

    @Argument(help: "DICOM files to read.")
    var files: [String]

    func validate() throws {
        if tag.isEmpty { throw ValidationError("Please name at least one '--tag'.") }
    }

    static func parseTag(_ text: String) throws -> AttributeTag {
        if let tag = AttributeTag(hex: text) ?? DataDictionary.tag(forKeyword: text) { return tag }
        throw ValidationError("'\(text)' is neither a keyword from the data dictionary nor a tag like 0010,0020.")
    }

    func run() throws {
        var failed = false
        for path in files {
            do {
                let file = try DICOMReader.read(path: path, options: .selected(tag))
                let values = tag.map { SafeText.sanitize(file.dataSet.strings($0).joined(separator: "\\")) }
                print(([SafeText.sanitize(path)] + values).joined(separator: "\t"))
                if let error = file.error { throw error }
            } catch {
                failed = true
                FileHandle.standardError.write(Data((SafeText.sanitize("\(error)") + "\n").utf8))
            }
        }
        if failed { throw ExitCode(1) }
    }
}
