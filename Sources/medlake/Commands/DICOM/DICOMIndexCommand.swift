import ArgumentParser
import DICOM
import Foundation

/// `medlake dicom index --list FILE`: the benchmark's indexing loop — read the 16 header tags the catalog
/// stores from every listed file, decode them, and report files per second. Hidden: it is a measuring tool.
struct DICOMIndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Read the catalog's 16 header tags from every listed file and report the rate.",
        shouldDisplay: false
    )

    /// The tags the catalog stores for an instance (DESIGN.md §4) plus the transfer syntax from the meta group.
    static let catalogTags: [AttributeTag] = [
        .sopClassUID, .sopInstanceUID, .studyDate, .modality, .studyDescription, .seriesDescription, .patientName,
        .patientID, .bodyPartExamined, .studyInstanceUID, .seriesInstanceUID, .seriesNumber, .instanceNumber,
        .frameOfReferenceUID, .rows, .columns,
    ]

    @Option(name: .long, help: "A file listing one DICOM path per line.")
    var list: String

    func run() throws {
        let paths = try String(contentsOfFile: list, encoding: .utf8).split(separator: "\n").map(String.init)
        let options = ParseOptions.selected(Self.catalogTags)
        let start = Date()
        var failures = 0
        var checksum = 0
        for path in paths {
            do {
                let file = try DICOMReader.read(path: path, options: options)
                if file.error != nil { failures += 1 }
                for tag in Self.catalogTags { checksum &+= file.dataSet.string(tag)?.utf8.count ?? 0 }
                checksum &+= file.meta.string(.transferSyntaxUID)?.utf8.count ?? 0
            } catch {
                failures += 1
            }
        }
        let seconds = Date().timeIntervalSince(start)
        print("files=\(paths.count) failures=\(failures) seconds=\(seconds) files_per_second=\(Double(paths.count) / seconds) checksum=\(checksum)")
    }
}
