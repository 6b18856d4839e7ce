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

    @Option(name: .long, help: "Rows and columns of every image, instead of the corpus mix of 64 to 512.")
    var size: Int?

    @Option(name: .long, help: "Transfer syntax: mixed (explicit and implicit VR), explicit, implicit, big-endian or deflated.")
    var syntax: SyntaxChoice = .mixed

    enum SyntaxChoice: String, ExpressibleByArgument, CaseIterable {
        case mixed, explicit, implicit, bigEndian = "big-endian", deflated
    }

    func validate() throws {
        if count < 1 { throw ValidationError("Please specify a 'count' of at least 1.") }
        if let size, !(1 ... 4096).contains(size) { throw ValidationError("Please specify a 'size' from 1 to 4096.") }
    }

    func run() throws {
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        for number in 0 ..< count {
            var (spec, mixedSyntax) = SyntheticData.corpusMember(number, seed: seed)
            if let size { (spec.rows, spec.columns) = (size, size) }
            let transferSyntax: TransferSyntax
            switch syntax {
            case .mixed: transferSyntax = mixedSyntax
            case .explicit: transferSyntax = .explicitVRLittleEndian
            case .implicit: transferSyntax = .implicitVRLittleEndian
            case .bigEndian: transferSyntax = .explicitVRBigEndian
            case .deflated: transferSyntax = .deflatedExplicitVRLittleEndian
            }
            let bytes = try DICOMWriter.part10(SyntheticData.dataSet(for: spec), transferSyntax: transferSyntax)
            let name = String(format: "%06d-%@.dcm", number, spec.modality.rawValue)
            try DICOMWriter.write(bytes, to: (output as NSString).appendingPathComponent(name))
        }
        print("wrote \(count) files to \(output)")
    }
}
