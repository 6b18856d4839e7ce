/// Bytes being written to a tier's temporary folder, not yet published under their digest.
///
/// Staging lets a caller write many objects and then make them durable together with
/// ``FileSystemTier/publish(_:)``: the writes and fsyncs run on the I/O threads meanwhile, so publishing
/// waits for the slowest, not for each in turn.
public struct StagedObject: Sendable {
    public let digest: ObjectDigest
    public let size: Int64
    /// The write in flight; its result is the temporary file holding the bytes.
    let write: Pending<String>
}
