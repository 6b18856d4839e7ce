import ArgumentParser
import Catalog
import LakeEngine

/// `medlake flags codes [--for KIND]`: the lake's flag vocabulary.
struct FlagsCodesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codes", abstract: "List the flag codes of the lake's vocabulary, or those for one kind of target.",
        discussion: "Imaging targets (study, series, instance) take imaging and general codes; samples and their files genomics and general ones.")

    @OptionGroup var options: LakeOptions

    @Option(name: .customLong("for"), help: "dataset, study, series, instance, sample, genomicFile or object.")
    var kind: FlagTargetKind?

    func run() async throws {
        try await reportingFailures {
            let codes = try await options.api().flagVocabulary(FlagCodeQuery(kind: kind))
            if options.json { return try printJSON(codes) }
            var table = TextTable("CODE", "SEVERITY", "DOMAIN", "DESCRIPTION")
            for code in codes {
                table.add(code.code, code.severity.rawValue, code.domain.rawValue, code.description)
            }
            print(table.render(empty: "No flag codes."))
        }
    }
}
