import Catalog
import Foundation
import Testing

@testable import LakeEngine

/// Names that could not be addressed (`NAME@VERSION`), would read as paths, or would act on a terminal are
/// refused when a dataset is created, before anything is written.
@Suite struct DatasetNameTests {
    @Test(arguments: [
        ("at@1", DatasetNameError.Problem.reservedCharacter("@")),
        ("a/b", .reservedCharacter("/")),
        (".", .dotName),
        ("..", .dotName),
        ("", .empty),
        ("  \t", .empty),
        ("evil\u{202E}txt", .bidiCharacter(0x202E)),
        ("iso\u{2066}late", .bidiCharacter(0x2066)),
        ("mark\u{200F}", .bidiCharacter(0x200F)),
        ("csi\u{9B}31m", .controlCharacter(0x9B)),
        ("esc\u{1B}[2J", .controlCharacter(0x1B)),
        ("del\u{7F}", .controlCharacter(0x7F)),
        ("line\nbreak", .controlCharacter(0x0A)),
        (String(repeating: "x", count: 129), .tooLong),
    ])
    func refusedNames(name: String, problem: DatasetNameError.Problem) throws {
        #expect(DatasetName.problem(with: name) == problem)
        let lake = try TemporaryLake()
        let input = try lake.inputFolder()
        try Data("bytes".utf8).write(to: URL(fileURLWithPath: input + "/f.bin"))
        do {
            _ = try lake.owner.ingest([input], dataset: name, options: IngestOptions(keepUnknown: true))
            Issue.record("dataset name \(name.debugDescription) was accepted")
        } catch let error as DatasetNameError {
            #expect(error.problem == problem)
            // The message names a refused character by code point, never raw.
            switch problem {
            case .controlCharacter(let value), .bidiCharacter(let value):
                #expect(!error.description.unicodeScalars.contains { $0.value == value })
                #expect(error.description.contains(String(format: "U+%04X", value)))
            default: break
            }
        }
        let datasets = try lake.owner.catalog.value(Int.self, "SELECT COUNT(*) FROM dataset")
        let created = try lake.owner.catalog.value(
            Int.self, "SELECT COUNT(*) FROM auditEvent WHERE action = 'dataset.create'")
        #expect(datasets == 0)
        #expect(created == 0)
    }

    @Test(arguments: ["ct-2026", "CT chest (2026)", "données", "a.b", "...", "x", String(repeating: "x", count: 128)])
    func acceptedNames(name: String) {
        #expect(DatasetName.problem(with: name) == nil)
    }
}
