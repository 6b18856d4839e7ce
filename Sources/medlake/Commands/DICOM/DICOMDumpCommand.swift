import ArgumentParser
import DICOM
import Foundation
import TUI

/// `medlake dicom dump FILE…`: print every element of each file, as text or as the DICOM JSON model.
struct DICOMDumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Print the elements of DICOM files, as a readable listing or as DICOM JSON (PS3.18 Annex F)."
    )

    @Flag(name: .long, help: "Print the DICOM JSON model: one object per file, in a JSON array.")
    var json = false

    @Flag(name: .long, help: "Include the file meta information group (0002,xxxx).")
    var meta = false

    @Argument(help: "DICOM files to read.")
    var files: [String]

    func run() throws {
        var failed = false
        var jsonObjects: [String] = []
        for path in files {
            let file: DICOMFile
            do {
                file = try DICOMReader.read(path: path, options: ParseOptions(loadBulkData: false))
            } catch {
                failed = true
                FileHandle.standardError.write(Data((SafeText.sanitize(error.description) + "\n").utf8))
                continue
            }
            var dataSet = file.dataSet
            if meta { dataSet.elements = file.meta.elements + dataSet.elements }
            if json {
                let uri = URL(fileURLWithPath: path).absoluteString
                jsonObjects.append(DICOMJSONModel(bulkDataBaseURI: uri).encode(dataSet))
            } else {
                print("# " + SafeText.sanitize(path) + " — transfer syntax " + SafeText.sanitize(file.transferSyntax.uid))
                for line in DumpLine.lines(for: dataSet) { print(Self.render(line)) }
            }
            if let error = file.error {
                failed = true
                FileHandle.standardError.write(Data(("incomplete: " + SafeText.sanitize(error.description) + "\n").utf8))
            }
        }
        if json {
            let document = "[" + jsonObjects.joined(separator: ",\n") + "]\n"
            FileHandle.standardOutput.write(TerminalSafeJSON.escape(Array(document.utf8)))
        }
        if failed { throw ExitCode(1) }
    }

    /// One listing line: indent, tag, VR, label, value; data text sanitized for the terminal.
    static func render(_ line: DumpLine) -> String {
        let indent = String(repeating: "  ", count: line.depth)
        let vr = line.vr?.name ?? "  "
        let label = SafeText.sanitize(line.label)
        let padded = label.count < 32 ? label + String(repeating: " ", count: 32 - label.count) : label
        return indent + line.tag.description + " " + vr + " " + padded + " " + SafeText.sanitize(line.value)
    }
}
