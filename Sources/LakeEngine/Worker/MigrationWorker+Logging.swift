import Catalog
import Logging

extension MigrationWorker {
    // MARK: - Log metadata

    /// What a `job started` line carries: what moves where, how much is done already (a resumed job
    /// starts from its switched objects), which attempt this is and which worker runs it.
    static func startMetadata(_ job: MigrationJob, worker: String) -> Logger.Metadata {
        [
            "job.target": "\(job.target)", "job.to": "\(job.toTier)", "job.attempt": .stringConvertible(job.attempts),
            "worker": "\(worker)", "objects": .stringConvertible(job.objectsDone),
            "objects.total": .stringConvertible(job.objectsTotal), "bytes": .stringConvertible(job.bytesDone),
            "bytes.total": .stringConvertible(job.bytesTotal),
        ]
    }

    /// What the line ending a job carries: its state, counts and error.
    static func endMetadata(_ job: MigrationProgress) -> Logger.Metadata {
        var metadata: Logger.Metadata = [
            "job.state": "\(job.state)", "objects": .stringConvertible(job.objectsDone),
            "objects.total": .stringConvertible(job.objectsTotal),
            "objects.failed": .stringConvertible(job.objectsFailed),
            "bytes": .stringConvertible(job.bytesDone), "bytes.total": .stringConvertible(job.bytesTotal),
        ]
        if let error = job.error { metadata["error"] = "\(error)" }
        return metadata
    }
}
