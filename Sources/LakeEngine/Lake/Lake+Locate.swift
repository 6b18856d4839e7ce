import Foundation

extension Lake {
    /// The environment variable naming the lake when `--lake` is not given.
    public static let environmentVariable = "MEDLAKE_LAKE"

    /// The sample lake a clone of the repository holds (`SampleLake/`), the last place ``locate`` looks.
    public static let sampleFolderName = "SampleLake"

    /// Finds the lake folder: `explicit` (`--lake`), else `$MEDLAKE_LAKE`, else the nearest folder at or
    /// above `workingDirectory` holding a `lake.toml`, else `workingDirectory/SampleLake` when it holds
    /// one — so the workbench and every command find the sample lake from a clone's root alike.
    public static func locate(
        explicit: String?, environment: [String: String], workingDirectory: String
    ) throws -> String {
        if let explicit, !explicit.isEmpty { return absolute(explicit, relativeTo: workingDirectory) }
        if let named = environment[environmentVariable], !named.isEmpty {
            return absolute(named, relativeTo: workingDirectory)
        }
        var folder = URL(fileURLWithPath: workingDirectory).standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(configurationFileName).path) {
                return folder.path
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        let sample = absolute(sampleFolderName, relativeTo: workingDirectory)
        if FileManager.default.fileExists(atPath: sample + "/" + configurationFileName) { return sample }
        throw LakeError.lakeNotFound(start: workingDirectory)
    }

    static func absolute(_ path: String, relativeTo base: String) -> String {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : URL(fileURLWithPath: base).appendingPathComponent(path)
        return url.standardizedFileURL.path
    }
}
