import Foundation

/// The folder the workbench fixtures build their lakes in: a new one for each test process, so test
/// runs side by side (other worktrees, CI jobs) never replace each other's lakes.
///
/// `/tmp/medlake-workbenchXXXXXX` (made by `mkdtemp`) has the length of the old fixed folder
/// `/tmp/medlake-workbench-tests`, which the golden snapshots show (``stablePath``): a snapshot
/// replaces one with the other and every row keeps its layout. It is removed when the process exits.
enum FixtureFolder {
    /// What snapshots show in place of ``path``.
    static let stablePath = "/tmp/medlake-workbench-tests"

    static let path: String = {
        var template = Array("/tmp/medlake-workbenchXXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            preconditionFailure("mkdtemp failed in /tmp: errno \(errno)")
        }
        let path = String(cString: made)
        precondition(path.count == stablePath.count, "the fixture folder must be as long as \(stablePath)")
        atexit { try? FileManager.default.removeItem(atPath: FixtureFolder.path) }
        return path
    }()

    /// `path/name`, emptied.
    static func fresh(_ name: String) throws -> String {
        let folder = path + "/" + name
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }
}
