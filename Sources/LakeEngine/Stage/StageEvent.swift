/// Progress of a staging, reported as it happens (`medlake stage` prints them).
public enum StageEvent: Sendable {
    /// The restore job moving the version's archived objects to a readable tier advanced.
    case restoring(job: Int64, objectsDone: Int64, objectsTotal: Int64)
    /// A file is in place with verified bytes.
    case staged(path: String, bytes: Int64, method: StageMethod)
}
