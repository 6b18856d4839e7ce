import Foundation
import Testing

/// The fault-point test hook is compiled into debug builds only (`MEDLAKE_TEST_HOOKS` in Package.swift).
///
/// Building a release binary is too slow for the suite, so `.ci/check-release.sh` builds one and greps it;
/// here, a release binary left in `.build/release/` by that script (or by hand) is checked too.
@Suite struct TestHooksInBuildsTests {
    static let hook = Data("MEDLAKE_FAULT_POINT".utf8)

    /// The debug binary the other tests run holds the hook: proves the search below finds it.
    @Test(.enabled(if: MedLakeProcess.binary.contains("/debug/"), "the tests run a release binary"))
    func theDebugBinaryHoldsTheFaultPointHook() throws {
        let binary = try Data(contentsOf: URL(fileURLWithPath: MedLakeProcess.binary), options: .alwaysMapped)
        #expect(binary.range(of: Self.hook) != nil)
    }

    @Test(.enabled(if: Self.releaseBinary != nil, "no release binary built"))
    func theReleaseBinaryHasNoFaultPointHook() throws {
        let path = try #require(Self.releaseBinary)
        let binary = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        #expect(binary.range(of: Self.hook) == nil, "\(path) contains MEDLAKE_FAULT_POINT")
    }

    /// `.build/release/medlake` beside the debug build folder the tests run from, when it exists.
    static var releaseBinary: String? {
        let debugFolder = URL(fileURLWithPath: MedLakeProcess.binary).deletingLastPathComponent()
        let release = debugFolder.deletingLastPathComponent().appendingPathComponent("release/medlake").path
        return FileManager.default.isExecutableFile(atPath: release) ? release : nil
    }
}
