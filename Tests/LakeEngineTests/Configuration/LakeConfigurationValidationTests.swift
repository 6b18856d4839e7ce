import Testing

@testable import LakeEngine

/// Values `lake.toml` parses but a lake cannot use are refused, each naming the line and the key.
@Suite struct LakeConfigurationValidationTests {
    /// The default file with the first line starting with `prefix` replaced by `line`, the error it gives,
    /// and the 1-based number of the replaced line.
    private func refusal(replacing prefix: String, with line: String) throws -> (ConfigurationError, Int) {
        var lines = LakeConfiguration.defaultTOML(name: "l", owner: "alice")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let index = try #require(lines.firstIndex { $0.hasPrefix(prefix) })
        lines[index] = line
        do {
            _ = try LakeConfiguration(toml: lines.joined(separator: "\n"), path: "lake.toml")
        } catch let error as ConfigurationError {
            return (error, index + 1)
        }
        Issue.record("lake.toml with \(line) was accepted")
        throw ConfigurationError(path: "", line: nil, key: nil, message: "accepted")
    }

    @Test(arguments: [
        ("names = ", #"names = ["raw", "curated", "raw"]"#, "zones.names", "listed twice"),
        ("approver_roles", "approver_roles = []", "approval.approver_roles", "no role could approve"),
        ("curated_approvals", "curated_approvals = 0", "approval.curated_approvals", "at least 1"),
        ("curated_approvals", "curated_approvals = -1", "approval.curated_approvals", "at least 1"),
        ("curated_approvals", "curated_approvals = 1.5", "approval.curated_approvals", "expected an integer"),
        ("curated_approvals", #"curated_approvals = "2""#, "approval.curated_approvals", "expected an integer"),
        ("training_approvals", "training_approvals = 0", "approval.training_approvals", "at least 1"),
        ("disabled_rules", #"disabled_rules = ["instance-gap", "no-such-rule"]"#, "qc.disabled_rules", "no-such-rule"),
        ("required_tags", #"required_tags = ["Modality", "PatientNmae"]"#, "qc.required_tags", "PatientNmae"),
        ("required_tags", #"required_tags = ["modality"]"#, "qc.required_tags", "not a DICOM keyword"),
    ])
    func unusableValueNamesLineAndKey(prefix: String, line: String, key: String, message: String) throws {
        let (error, number) = try refusal(replacing: prefix, with: line)
        #expect(error.key == key)
        #expect(error.line == number)
        #expect(error.message.contains(message), "\(error)")
        #expect(error.description.hasPrefix("lake.toml:\(number): key '\(key)'"))
    }

    @Test func aNULByteAnywhereIsRefusedWithItsLineAndKey() throws {
        let (inValue, valueLine) = try refusal(replacing: "name = ", with: "name = \"lake\0hidden\"")
        #expect(inValue.line == valueLine)
        #expect(inValue.key == "lake.name")
        #expect(inValue.message.contains("NUL"))

        let (inComment, commentLine) = try refusal(replacing: "# MedLake", with: "# a = comment \0")
        #expect(inComment.line == commentLine)
        #expect(inComment.key == nil)
    }

    @Test func validValuesStillParse() throws {
        let text = LakeConfiguration.defaultTOML(name: "l", owner: "alice")
            .replacingOccurrences(of: "disabled_rules = []", with: #"disabled_rules = ["instance-gap", "phi-present"]"#)
            .replacingOccurrences(of: "curated_approvals = 1", with: "curated_approvals = 3")
        let configuration = try LakeConfiguration(toml: text, path: "lake.toml")
        #expect(configuration.quality.disabledRules == ["instance-gap", "phi-present"])
        #expect(configuration.approval.curatedApprovals == 3)
    }
}
