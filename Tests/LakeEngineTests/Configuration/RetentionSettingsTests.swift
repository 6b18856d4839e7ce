import Testing

@testable import LakeEngine

@Suite struct RetentionSettingsTests {
    private static let base = LakeConfiguration.defaultTOML(name: "l", owner: "alice")

    private func error(_ extra: String) -> ConfigurationError? {
        do {
            _ = try LakeConfiguration(toml: Self.base + "\n" + extra, path: "lake.toml")
            return nil
        } catch {
            return error as? ConfigurationError
        }
    }

    /// The 1-based line of `needle` in the file `extra` is appended to.
    private func line(of needle: String, in extra: String) -> Int? {
        let lines = (Self.base + "\n" + extra).components(separatedBy: "\n")
        return lines.firstIndex { $0.contains(needle) }.map { $0 + 1 }
    }

    @Test func policiesAndFormulaParse() throws {
        let configuration = try LakeConfiguration(
            toml: Self.base + """

                [[retention.policies]]
                name = "raw-10y"
                zone = "raw"
                min_days = 3650
                from = "acquisition"

                [[retention.policies]]
                name = "consent"
                label = "restricted"
                max_days = 30

                [quality_score]
                warning = 0.5
                resolved = 0
                min_training = 80
                """, path: "lake.toml")
        #expect(configuration.retention.policies.map(\.name) == ["raw-10y", "consent"])
        #expect(configuration.retention.policies.first?.from == .acquisition)
        #expect(configuration.retention.policies.last?.maxDays == 30)
        #expect(configuration.qualityScore.weights[.warning] == 0.5)
        #expect(configuration.qualityScore.weights[.blocking] == 1)
        #expect(configuration.qualityScore.stateFactors[.resolved] == 0)
        #expect(configuration.qualityScore.minimumByZone == ["training": 80])
    }

    @Test func badPoliciesNameTheKeyAndLine() {
        let shorter = """
            [[retention.policies]]
            name = "odd"
            min_days = 30
            max_days = 10
            """
        let problem = error(shorter)
        #expect(problem?.key == "retention.policies.odd.max_days")
        // Entries of an array of tables are located by their `[[…]]` header, as lifecycle rules are.
        #expect(problem?.line == line(of: "[[retention.policies]]", in: shorter))

        let clock = """
            [[retention.policies]]
            name = "c"
            from = "birth"
            """
        #expect(error(clock)?.key == "retention.policies.c.from")
        #expect(error(clock)?.message == "expected ingest or acquisition")

        let zone = """
            [[retention.policies]]
            name = "z"
            zone = "gold"
            """
        #expect(error(zone)?.key == "retention.policies.z.zone")
        #expect(error("[retention]\npolicy = 1")?.key == "retention.policy")
    }

    @Test func badFormulaNamesTheKey() {
        #expect(error("[quality_score]\nmin_training = 120")?.key == "quality_score.min_training")
        #expect(error("[quality_score]\nwarning = -1")?.key == "quality_score.warning")
        #expect(error("[quality_score]\nmin_gold = 1")?.key == "quality_score.min_gold")
    }
}
