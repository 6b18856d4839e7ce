import Catalog
import Foundation
import Storage

/// Reads, hashes, parses and stores one file: the per-file half of ingest, run on worker threads.
///
/// A small file is read into memory once and hashed, parsed and staged from that one buffer (the batch
/// publishes staged objects together); a large one is parsed from its header and streamed into the tier
/// while hashed. Nothing here touches the catalog.
struct FileIngestor: Sendable {
    let tier: FileSystemTier
    /// Where objects are placed: a large file whose object sits in any tier is not streamed again.
    let catalog: CatalogStore
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
    ///
    /// The file is opened by its bytes; the catalog and reports name it by ``SourcePath/text``.
    func ingest(_ entry: FileWalker.Entry, known: Set<String>) -> Outcome {
        let name = SourceName(entry.path)
        do {
            return try entry.path.withReadablePath { readable in
                if entry.size <= Int64(options.inMemoryLimit) {
                    return try ingestInMemory(readable, size: entry.size, name: name, known: known)
                }
                return try ingestStreaming(readable, name: name, known: known)
            }
        } catch let error as StorageError {
            // Storage names the path it opened, which is a descriptor's for a name that is not UTF-8.
            let named = StorageError(operation: error.operation, path: name.text, errno: error.errno, reason: error.reason)
            return .rejected(path: name.text, reason: named.description)
        } catch {
            return .rejected(path: name.text, reason: String(describing: error))
        }
    }

    private func ingestInMemory(_ readable: String, size: Int64, name: SourceName, known: Set<String>) throws -> Outcome {
        try ingest(AlignedBuffer(contentsOf: readable, expectedSize: size), name: name, known: known)
    }

    /// Hashes, parses and stages bytes already in memory: an instance a DICOM server sent.
    /// `path` names the source in the catalog and in reports.
    func ingest(bytes: [UInt8], path: String, known: Set<String>) throws -> Outcome {
        try bytes.withUnsafeBytes { try ingest(AlignedBuffer(copying: $0), name: SourceName(text: path), known: known) }
    }

    /// Hashes, parses and stages a small file read into memory; the tier's I/O threads write it out.
    func ingest(_ buffer: AlignedBuffer, name: SourceName, known: Set<String>) throws -> Outcome {
        let path = name.text
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
        return .stored(IngestedFile(
            path: path, pathBytes: name.nonUTF8Bytes, digest: digest, size: size, content: content, staged: staged))
    }

    /// Hashes a large file first, so bytes the dataset, the catalog (in any tier) or the ingest tier already
    /// holds are never copied; only a new object is streamed into the tier (hashed again on the way, to
    /// catch a file changed meanwhile).
    private func ingestStreaming(_ readable: String, name: SourceName, known: Set<String>) throws -> Outcome {
        let (digest, size) = try ContentHasher.digest(ofFileAt: readable)
        if known.contains(digest.hex) { return .alreadyInDataset(path: name.text, size: size) }
        let content = reader.read(path: readable)
        if case .unknown(let reason) = content, !options.keepUnknown {
            return .rejected(path: name.text, reason: reason)
        }
        var wrote = false
        // An object deleted by retention has no bytes left: store them again.
        let placed = try catalog.read { tx in try tx.placedObjects(sha256s: [digest.hex]) }.contains(digest.hex)
        if !placed, !tier.contains(digest) {
            let stored = try tier.store(contentsOf: readable)
            guard stored.digest == digest else {
                throw StorageError(operation: "read", path: name.text, reason: "file changed while being ingested")
            }
            wrote = !stored.alreadyPresent
        }
        return .stored(IngestedFile(
            path: name.text, pathBytes: name.nonUTF8Bytes, digest: digest, size: size, content: content, staged: nil,
            streamedNewObject: wrote))
    }
}

/// How the catalog and reports name an ingested source: its text and, for a file name that is not UTF-8,
/// its exact bytes.
struct SourceName: Sendable {
    /// ``SourcePath/text`` of a file, or a URL.
    var text: String
    var nonUTF8Bytes: [UInt8]?

    init(_ path: SourcePath) {
        text = path.text
        nonUTF8Bytes = path.nonUTF8Bytes
    }

    init(text: String) {
        self.text = text
    }
}

/// A file that was hashed, parsed and stored (or staged), ready for the catalog.
struct IngestedFile: Sendable {
    /// The source's name (``SourcePath/text``, or a URL).
    var path: String
    /// The source path's exact bytes when they are not UTF-8 (`datasetFile.pathBytes`); nil otherwise.
    var pathBytes: [UInt8]? = nil
    var digest: ObjectDigest
    var size: Int64
    var content: FileContent
    /// Bytes waiting in the tier's temporary folder; nil when the object was present or streamed in.
    var staged: StagedObject?
    /// A large file streamed straight into the tier wrote a new object.
    var streamedNewObject = false
}
