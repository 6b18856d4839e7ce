import Testing

@testable import LakeEngine

@Suite struct LakeConfigurationTests {
    private func parse(_ text: String) throws -> LakeConfiguration {
        try LakeConfiguration(toml: text, path: "lake.toml")
    }

    private func error(_ text: String) -> ConfigurationError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error as? ConfigurationError
        }
    }

    @Test func defaultFileParses() throws {
        let configuration = try parse(LakeConfiguration.defaultTOML(name: "l", owner: "alice"))
        #expect(configuration.zones == ["raw", "curated", "training"])
        #expect(configuration.tiers.keys.sorted() == ["archive", "cold", "hot", "warm"])
        #expect(configuration.tiers["archive"]?.restoreRequired == true)
        #expect(configuration.tiers["cold"]?.bandwidthLimitMBps == 200)
        #expect(configuration.tiers["hot"]?.bandwidthLimitMBps == nil)
        #expect(configuration.roles(of: "alice") == Role.allCases)
        #expect(configuration.roles(of: "bob").isEmpty)
        #expect(configuration.flagCodes["motion-artifact"]?.severity == .warning)
        #expect(configuration.flagCodes["instance-gap"] != nil)
        #expect(configuration.approval.approverRoles == [.curator])
    }

    @Test func ownerNameIsQuoted() throws {
        let configuration = try parse(LakeConfiguration.defaultTOML(name: "a\"b", owner: "x\"]\n[evil"))
        #expect(configuration.roles[.admin] == ["x\"]\n[evil"])
        #expect(configuration.name == "a\"b")
    }

    @Test func syntaxErrorNamesTheLine() {
        let found = error("[lake]\nname = \"x\"\ningest_tier = \n")
        #expect(found?.line == 3)
        #expect(found?.description.hasPrefix("lake.toml:3") == true)
    }

    @Test func wrongTypeNamesLineAndKey() {
        let text = LakeConfiguration.defaultTOML(name: "l", owner: "a")
            .replacingOccurrences(of: "restore_required = true", with: "restore_required = \"yes\"")
        let found = error(text)
        #expect(found?.key == "tiers.archive.restore_required")
        let line = text.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("restore_required = \"yes\"") }.map { $0 + 1 }
        #expect(found?.line == line)
    }

    @Test func unknownKeyIsRejected() {
        let found = error("[lake]\nname = \"x\"\ningest_teir = \"hot\"\n[tiers.hot]\npath = \"t\"\n")
        #expect(found?.key == "lake.ingest_teir")
        #expect(found?.line == 3)
    }

    @Test func unknownRoleIsRejected() {
        let found = error("[tiers.hot]\npath = \"t\"\n[roles]\nsuperuser = [\"x\"]\n")
        #expect(found?.key == "roles.superuser")
        #expect(found?.line == 4)
    }

    @Test func undeclaredIngestTierIsRejected() {
        let found = error("[lake]\ningest_tier = \"fast\"\n[tiers.hot]\npath = \"t\"\n")
        #expect(found?.key == "lake.ingest_tier")
        #expect(found?.line == 2)
    }

    @Test func tierWithoutPathIsRejected() {
        let found = error("[tiers.hot]\ncost_per_gb_month = 1\n")
        #expect(found?.key == "tiers.hot.path")
        #expect(found?.line == 1)
    }

    @Test func negativeCostIsRejected() {
        let found = error("[tiers.hot]\npath = \"t\"\ncost_per_gb_month = -1\n")
        #expect(found?.key == "tiers.hot.cost_per_gb_month")
        #expect(found?.line == 3)
    }

    @Test func badFlagSeverityIsRejected() {
        let found = error("[tiers.hot]\npath = \"t\"\n[flags.codes.odd]\nseverity = \"fatal\"\n")
        #expect(found?.key == "flags.codes.odd.severity")
        #expect(found?.line == 4)
    }
}
