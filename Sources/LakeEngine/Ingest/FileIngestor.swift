import Foundation
import GRDB
import Storage

/// Reads, hashes, parses and stores one file: the per-file half of ingest, run on worker threads.
///
/// A small file is read into memory once and hashed, parsed and staged from that one buffer (the batch
/// publishes staged objects together); a large one is parsed from its header and streamed into the tier
/// while hashed. Nothing here touches the catalog.
struct FileIngestor: Sendable {
    let tier: FileSystemTier
    /// Where objects are placed: a large file whose object sits in any tier is not streamed again.
    let catalog: any DatabaseReader
    let reader: HeaderReader
    let options: IngestOptions

    /// The result for one file.
    enum Outcome: Sendable {
        /// The bytes were hashed and, unless the dataset held them already, parsed and stored.
        case stored(IngestedFile)
        /// The dataset already holds these bytes: nothing was parsed or written.
        case alreadyInDataset(path: String, size: Int64)
        /// The file was not stored: unreadable, or of unknown format without `--keep-unknown`.
        case rejected(path: String, reason: String)
    }

    /// Ingests `entry`; `known` holds the digests the dataset already has.
    func ingest(_ entry: FileWalker.Entry, known: Set<String>) -> Outcome {
        do {
            if entry.size <= Int64(options.inMemoryLimit) {
                return try ingestInMemory(entry, known: known)
            }
            return try ingestStreaming(entry, known: known)
        } catch let error as StorageError {
            return .rejected(path: entry.path, reason: error.description)
        } catch {
            return .rejected(path: entry.path, reason: String(describing: error))
        }
    }

    private func ingestInMemory(_ entry: FileWalker.Entry, known: Set<String>) throws -> Outcome {
        try ingest(AlignedBuffer(contentsOf: entry.path, expectedSize: entry.size), path: entry.path, known: known)
    }

    /// Hashes, parses and stages bytes already in memory: an instance a DICOM server sent.
    /// `path` names the source in the catalog and in reports.
    func ingest(bytes: [UInt8], path: String, known: Set<String>) throws -> Outcome {
        try bytes.withUnsafeBytes { try ingest(AlignedBuffer(copying: $0), path: path, known: known) }
    }

    /// Hashes, parses and stages a small file read into memory; the tier's I/O threads write it out.
    private func ingest(_ buffer: AlignedBuffer, path: String, known: Set<String>) throws -> Outcome {
        var hasher = ContentHasher()
        hasher.update(buffer.bytes)
        let digest = hasher.finalize()
        let size = Int64(buffer.count)
        if known.contains(digest.hex) { return .alreadyInDataset(path: path, size: size) }
        let content = reader.read(bytes: buffer.bytes, path: path)
        if case .unknown(let reason) = content, !options.keepUnknown {
            return .rejected(path: path, reason: reason)
        }
        let staged = tier.stage(buffer, digest: digest)
        return .stored(IngestedFile(path: path, digest: digest, size: size, content: content, staged: staged))
    }

    /// Hashes a large file first, so bytes the dataset, the catalog (in any tier) or the ingest tier already
    /// holds are never copied; only a new object is streamed into the tier (hashed again on the way, to
    /// catch a file changed meanwhile).
    private func ingestStreaming(_ entry: FileWalker.Entry, known: Set<String>) throws -> Outcome {
        let (digest, size) = try ContentHasher.digest(ofFileAt: entry.path)
        if known.contains(digest.hex) { return .alreadyInDataset(path: entry.path, size: size) }
        let content = reader.read(path: entry.path)
        if case .unknown(let reason) = content, !options.keepUnknown {
            return .rejected(path: entry.path, reason: reason)
        }
        var wrote = false
        let placed = try catalog.read { db in
            // An object deleted by retention has no bytes left: store them again.
            try Bool.fetchOne(
                db, sql: "SELECT 1 FROM object WHERE sha256 = ? AND state != 'deleted'", arguments: [digest.hex]) ?? false
        }
        if !placed, !tier.contains(digest) {
            let stored = try tier.store(contentsOf: entry.path)
            guard stored.digest == digest else {
                throw StorageError(operation: "read", path: entry.path, reason: "file changed while being ingested")
            }
            wrote = !stored.alreadyPresent
        }
        return .stored(IngestedFile(
            path: entry.path, digest: digest, size: size, content: content, staged: nil, streamedNewObject: wrote))
    }
}

/// A file that was hashed, parsed and stored (or staged), ready for the catalog.
struct IngestedFile: Sendable {
    var path: String
    var digest: ObjectDigest
    var size: Int64
    var content: FileContent
    /// Bytes waiting in the tier's temporary folder; nil when the object was present or streamed in.
    var staged: StagedObject?
    /// A large file streamed straight into the tier wrote a new object.
    var streamedNewObject = false
}
