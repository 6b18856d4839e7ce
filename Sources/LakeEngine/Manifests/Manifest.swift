import Foundation
import Storage

/// The canonical description of a published dataset version; its SHA-256 is the version's id.
///
/// Encoded with ``canonicalBytes`` (keys sorted, no whitespace, absent optionals omitted, times as UTC
/// ISO 8601 text), so the same content always gives the same bytes and the same id on every machine.
public struct Manifest: Codable, Hashable, Sendable {
    /// Identifies the manifest format.
    public var format: String
    public var dataset: String
    public var zone: String
    /// The parent version's manifest hash (the version it was published or promoted from).
    public var parent: String?
    public var creator: String
    /// UTC, `yyyy-MM-ddTHH:mm:ssZ`.
    public var createdAt: String
    /// The `--select` filter that chose the members, empty for all.
    public var selection: String
    /// Members, sorted by path.
    public var entries: [ManifestEntry]
    /// The quality flags on the members when the version was published, sorted.
    public var flags: [ManifestFlag]
    /// Transforms applied to make this version from its parent, in order.
    public var transforms: [ManifestTransform]
    /// The quality score of the members when published; absent from manifests written before scores
    /// existed (an absent optional is not encoded, so their ids stay the same).
    public var quality: ManifestQuality?

    /// The current manifest format.
    public static let currentFormat = "medlake-manifest/1"

    public init(
        dataset: String, zone: String, parent: String?, creator: String, createdAt: Date, selection: String,
        entries: [ManifestEntry], flags: [ManifestFlag], transforms: [ManifestTransform]
    ) {
        format = Self.currentFormat
        self.dataset = dataset
        self.zone = zone
        self.parent = parent
        self.creator = creator
        self.createdAt = Self.timestamp(createdAt)
        self.selection = selection
        self.entries = entries.sorted { $0.path < $1.path }
        self.flags = flags.sorted()
        self.transforms = transforms
    }

    // MARK: - Canonical form

    /// The canonical JSON bytes.
    public var canonicalBytes: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, integers and arrays cannot fail.
        return (try? Array(encoder.encode(self))) ?? []
    }

    /// The manifest's id: SHA-256 of ``canonicalBytes``.
    public var hash: String { ContentHasher.digest(of: canonicalBytes).hex }

    /// Parses manifest JSON (any formatting) and checks the format name.
    public static func parse(_ data: Data, source: String) throws -> Manifest {
        let manifest: Manifest
        do {
            manifest = try JSONDecoder().decode(Manifest.self, from: data)
        } catch {
            throw LakeError.invalidArgument("\(source): not a MedLake manifest (\(error.localizedDescription))")
        }
        guard manifest.format == currentFormat else {
            throw LakeError.invalidArgument("\(source): manifest format '\(manifest.format)' is not \(currentFormat)")
        }
        return manifest
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
