import ArgumentParser
import DICOM
import Foundation

/// `medlake dicom generate --count N --output DIR`: write a synthetic corpus with MedLake's writer.
struct DICOMGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write synthetic DICOM files (CT, MR, US, CR, SEG; explicit and implicit VR) for tests and benchmarks."
    )

    @Option(name: .long, help: "How many files to write.")
    var count: Int = 100

    @Option(name: .long, help: "The folder to write into (created if missing).")
    var output: String

    @Option(name: .long, help: "Varies every UID, so corpora with different seeds never collide.")
    var seed: Int = 1

    func validate() throws {
        if count < 1 { throw ValidationError("Please specify a 'count' of at least 1.") }
    }

    func run() throws {
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        for number in 0 ..< count {
            let (spec, syntax) = SyntheticData.corpusMember(number, seed: seed)
            let bytes = try DICOMWriter.part10(SyntheticData.dataSet(for: spec), transferSyntax: syntax)
            let name = String(format: "%06d-%@.dcm", number, spec.modality.rawValue)
            try DICOMWriter.write(bytes, to: (output as NSString).appendingPathComponent(name))
        }
        print("wrote \(count) files to \(output)")
    }
}
