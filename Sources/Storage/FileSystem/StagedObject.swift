/// Bytes written to a tier's temporary folder but not yet published under their digest.
///
/// Staging lets a caller write many objects and then make them durable together with
/// ``FileSystemTier/publish(_:)``: one concurrent round of fsyncs instead of one wait per object.
public struct StagedObject: Hashable, Sendable {
    public let digest: ObjectDigest
    public let size: Int64
    /// The temporary file holding the bytes.
    let temporaryPath: String
}
