import Foundation
import Storage

/// The caller's side of a remote staging: the plan's files written into a folder exactly as an in-process
/// staging writes them (``StageLayout``, partial copies renamed once verified, the manifest written last,
/// files already verified kept), with the bytes coming from the plan's URLs.
extension StagePlan {
    /// Writes the plan's files into `directory`, every byte checked against the manifest's SHA-256.
    ///
    /// The plan is checked first: its manifest must hash to ``manifest`` and list one file per entry, so a
    /// service can hand out URLs but never change what the bytes must be.
    ///
    /// - Parameters:
    ///   - open: Opens `range` of a file's URL (all of it when nil); the transport's part.
    ///   - restoredObjects: Objects the service restored first, for the report.
    /// - Throws: ``StageError`` (``StageError/untrustedPlan(version:reason:)``, a corrupt object naming its
    ///   path), the errors of `open`, ``LakeError`` for the folder.
    public func fetch(
        into directory: String, options: StageOptions, restoredObjects: Int64 = 0,
        open: @escaping @Sendable (File, Range<Int64>?) async throws -> any ObjectReading,
        progress: @escaping @Sendable (StageEvent) -> Void
    ) async throws -> StageReport {
        let body = Array(manifestBody.utf8)
        guard ContentHasher.digest(of: body).hex == manifest else {
            throw StageError.untrustedPlan(version: version, reason: "its manifest does not hash to \(manifest)")
        }
        let entries = try Manifest.parse(Data(body), source: "the manifest of \(version)").entries
        guard files.count == entries.count, files.enumerated().allSatisfy({ $0.offset == $0.element.index }) else {
            throw StageError.untrustedPlan(version: version, reason: "\(files.count) files for \(entries.count) entries")
        }
        let layout = StageLayout(directory: URL(fileURLWithPath: directory).standardizedFileURL.path)
        var seen: Set<String> = []
        let targets = try entries.enumerated().map { index, entry in
            let path = try layout.path(of: entry.path)
            guard seen.insert(path).inserted else { throw StageError.unsafePath(entry.path) }
            return StageTarget(index: index, entry: entry, path: path, partial: layout.partialPath(of: String(index)))
        }
        try Lake.prepare(layout)
        var methods: [String: Int] = [:]
        do {
            let verifier = ParallelVerifier()
            let present = try await Lake.alreadyVerified(targets, verifier: verifier)
            for target in targets where present.contains(target.index) {
                methods[StageMethod.alreadyVerified.rawValue, default: 0] += 1
                progress(.staged(path: target.entry.path, bytes: target.entry.size, method: .alreadyVerified))
            }
            let sources = try targets.filter { !present.contains($0.index) }.map { target in
                let file = files[target.index]
                guard let digest = ObjectDigest(hex: target.entry.sha256) else {
                    throw StageError.untrustedPlan(version: version, reason: "entry \(target.index) has no SHA-256")
                }
                return StageSource(
                    target: target, digest: digest, tier: file.location, backend: PlannedFile(file: file, open: open),
                    clonePath: nil)
            }
            let fetcher = StageFetcher(verifier: verifier, options: options)
            for (method, count) in try await fetcher.fetch(sources, progress: progress) {
                methods[method.rawValue, default: 0] += count
            }
            try await Lake.complete(layout, manifest: body, targets: targets, kept: present, sync: options.sync)
        } catch {
            // As in-process: partial copies never pass for staged files.
            try? FileManager.default.removeItem(atPath: layout.directory + "/" + StageLayout.partialFolder)
            throw error
        }
        return StageReport(
            version: version, manifest: manifest, directory: layout.directory, manifestPath: layout.manifestPath,
            files: targets.count, bytes: entries.reduce(Int64(0)) { $0 + $1.size }, methods: methods,
            restoredObjects: restoredObjects, run: run)
    }
}

/// One file of a plan as a read-only tier holding its one object, so the in-process fetcher (ranges,
/// parallelism, verification) reads remote files unchanged. Writing to it is a programming error.
private struct PlannedFile: TierBackend {
    let file: StagePlan.File
    let open: @Sendable (StagePlan.File, Range<Int64>?) async throws -> any ObjectReading

    var name: String { file.location }

    func size(of digest: ObjectDigest) async throws -> Int64? { nil }

    func openForReading(_ digest: ObjectDigest, range: Range<Int64>?) async throws -> any ObjectReading {
        try await open(file, range)
    }

    func put(_ digest: ObjectDigest, from source: any ObjectReading) async throws {
        preconditionFailure("a staging plan's file is read-only")
    }

    func delete(_ digest: ObjectDigest) async throws {
        preconditionFailure("a staging plan's file is read-only")
    }

    func list() -> AsyncThrowingStream<ObjectDigest, any Error> {
        AsyncThrowingStream { $0.finish() }
    }
}
