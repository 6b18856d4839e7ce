/// One `@PG` line: a program that produced or modified the file.
public struct SAMProgram {
    /// `ID`: the unique program record identifier.
    public var id: String
    /// `PN`: the program name.
    public var name: String?
    /// `VN`: the program version.
    public var version: String?
    /// `CL`: the command line.
    public var commandLine: String?
    /// `PP`: the `ID` of the program that ran before this one.
    public var previousID: String?
}

// MARK: - Conformances

extension SAMProgram: Sendable {}
extension SAMProgram: Hashable {}
extension SAMProgram: Codable {}
