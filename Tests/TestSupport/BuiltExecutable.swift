import Foundation

/// The path of an executable product built next to the running test bundle (`.build/<configuration>/`),
/// so a plain `swift test` on a fresh clone finds the binaries it just built; `nil` when there is none.
public func builtExecutable(named name: String) -> String? {
    let runner = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        ?? CommandLine.arguments[0]
    var folder = URL(fileURLWithPath: runner).resolvingSymlinksInPath().deletingLastPathComponent()
    // On Linux the runner is `<name>.xctest` in the build folder; on macOS it sits inside a bundle.
    while !folder.path.isEmpty, folder.path != "/" {
        let candidate = folder.appendingPathComponent(name).path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        folder.deleteLastPathComponent()
    }
    return nil
}
