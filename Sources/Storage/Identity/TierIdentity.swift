/// Which lake and which of its tiers a folder or bucket prefix belongs to, written at the tier's root
/// when the lake creates (or adopts) the tier, like git-annex's per-remote UUID.
///
/// Paths can lie: two spellings, a symlink or a swapped folder can make two tier names point at one
/// place, and deleting a source "after copying it" there deletes the only copy. The identity travels
/// with the folder, so the lake checks it when it opens the tier and before every delete.
///
/// ```
/// # MedLake tier identity. Do not edit or copy this file.
/// lake = "6f1c…"
/// tier = "warm"
/// ```
public struct TierIdentity: Sendable, Hashable, CustomStringConvertible {
    /// The lake's id (its `lake.id` file and its catalog).
    public var lake: String
    /// The tier's name in that lake's `lake.toml`.
    public var tier: String

    /// The file (or object key, under a bucket prefix) holding the identity.
    public static let fileName = ".medlake-tier"

    public init(lake: String, tier: String) {
        self.lake = lake
        self.tier = tier
    }

    /// Parses the file's text; nil when it is not an identity (damaged or foreign).
    public init?(text: String) {
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingSpacesAndQuotes() }
            guard parts.count == 2 else { return nil }
            values[parts[0]] = parts[1]
        }
        guard let lake = values["lake"], let tier = values["tier"], !lake.isEmpty, !tier.isEmpty else { return nil }
        self.init(lake: lake, tier: tier)
    }

    /// The file's text.
    public var text: String {
        "# MedLake tier identity. Do not edit or copy this file.\nlake = \"\(lake)\"\ntier = \"\(tier)\"\n"
    }

    public var description: String { "tier '\(tier)' of lake \(lake)" }
}

extension Substring {
    fileprivate func trimmingSpacesAndQuotes() -> String {
        var view = self
        while let first = view.first, first == " " || first == "\"" || first == "\t" { view = view.dropFirst() }
        while let last = view.last, last == " " || last == "\"" || last == "\t" || last == "\r" { view = view.dropLast() }
        return String(view)
    }
}

/// What a tier's identity file (or object) says.
public enum TierIdentityState: Sendable, Hashable {
    /// The tier's folder does not exist (yet).
    case noFolder
    /// The folder or bucket prefix has no identity.
    case missing
    /// The identity exists but cannot be parsed.
    case unreadable
    case present(TierIdentity)
}
