import Foundation

/// Where a version's files go inside a staging folder: each manifest path under the folder (a leading `/`
/// dropped), the manifest itself at ``manifestName``, and files being fetched under ``partialFolder``.
struct StageLayout: Sendable {
    /// The manifest's name in the folder; it is written last, so its presence means the folder is complete.
    static let manifestName = "manifest.json"
    /// Where files are written until their bytes are verified (then renamed into place).
    static let partialFolder = ".medlake-partial"

    let directory: String

    /// The staged path of manifest path `path`.
    ///
    /// - Throws: ``StageError/unsafePath(_:)`` for `..` or `.` components, empty paths, and the names the
    ///   layout keeps for itself.
    func path(of path: String) throws -> String {
        let components = path.split(separator: "/", omittingEmptySubsequences: true)
        guard !components.isEmpty, !components.contains(where: { $0 == ".." || $0 == "." }),
            components.first != Substring(Self.partialFolder),
            !(components.count == 1 && components[0] == Substring(Self.manifestName)),
            !path.contains("\0")
        else { throw StageError.unsafePath(path) }
        return directory + "/" + components.joined(separator: "/")
    }

    var manifestPath: String { directory + "/" + Self.manifestName }

    /// The file a fetch of `sha256` writes before it is verified.
    func partialPath(of sha256: String) -> String { directory + "/" + Self.partialFolder + "/" + sha256 }
}
