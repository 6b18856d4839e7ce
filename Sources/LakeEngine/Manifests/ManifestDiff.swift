/// What changed between two manifests: members added, removed or changed, flags and transforms.
///
/// A derived member is matched to its source through `derivedFrom`, so a curated version shows its
/// members as changed (new bytes, new UIDs) rather than all removed and all added.
public struct ManifestDiff: Codable, Hashable, Sendable {
    public struct Change: Codable, Hashable, Sendable {
        public var from: ManifestEntry
        public var to: ManifestEntry
    }

    public struct FlagChange: Codable, Hashable, Sendable {
        public var target: String
        public var code: String
        /// `severity/state` before, nil when the flag is new.
        public var before: String?
        /// `severity/state` after, nil when the flag is gone.
        public var after: String?
    }

    public var from: String
    public var to: String
    public var added: [ManifestEntry]
    public var removed: [ManifestEntry]
    public var changed: [Change]
    public var flagChanges: [FlagChange]
    public var transformsAdded: [ManifestTransform]
    public var transformsRemoved: [ManifestTransform]

    /// Compares `a` (older) with `b` (newer).
    public init(_ a: Manifest, _ b: Manifest, fromName: String, toName: String) {
        from = fromName
        to = toName
        var unmatched = Dictionary(a.entries.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let bySHA = Dictionary(a.entries.map { ($0.sha256, $0) }, uniquingKeysWith: { first, _ in first })
        var added: [ManifestEntry] = []
        var changed: [Change] = []
        for entry in b.entries {
            let source = unmatched[entry.path] ?? entry.derivedFrom.flatMap { bySHA[$0] }
            guard let source, unmatched[source.path] != nil else {
                added.append(entry)
                continue
            }
            unmatched[source.path] = nil
            if source != entry { changed.append(Change(from: source, to: entry)) }
        }
        self.added = added
        self.changed = changed
        removed = unmatched.values.sorted { $0.path < $1.path }

        func key(_ flag: ManifestFlag) -> String { flag.target + "\u{0}" + flag.code }
        let before = Dictionary(a.flags.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(b.flags.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        var flagChanges: [FlagChange] = []
        for name in Set(before.keys).union(after.keys).sorted() {
            let old = before[name].map { "\($0.severity)/\($0.state)" }
            let new = after[name].map { "\($0.severity)/\($0.state)" }
            guard old != new, let flag = before[name] ?? after[name] else { continue }
            flagChanges.append(FlagChange(target: flag.target, code: flag.code, before: old, after: new))
        }
        self.flagChanges = flagChanges
        transformsAdded = b.transforms.filter { !a.transforms.contains($0) }
        transformsRemoved = a.transforms.filter { !b.transforms.contains($0) }
    }

    /// True when nothing differs.
    public var isEmpty: Bool {
        added.isEmpty && removed.isEmpty && changed.isEmpty && flagChanges.isEmpty && transformsAdded.isEmpty
            && transformsRemoved.isEmpty
    }
}
