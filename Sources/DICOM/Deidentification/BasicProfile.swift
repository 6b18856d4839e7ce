/// The attributes PS3.15 Annex E Table E.1-1 (Basic Application Level Confidentiality Profile) lists,
/// with their Basic Profile action and option columns.
///
/// The rows are generated from a transcription of the standard's table
/// (`Scripts/generate-confidentiality-profile.py`), so every attribute the standard lists is covered,
/// including the repeating curve and overlay groups; ``supplement`` adds the overlay text the table
/// leaves out. Attributes neither lists are kept; private attributes are handled by creator
/// (``Deidentifier``).
///
/// A repeating-group row such as (60xx,3000) matches the groups PS3.5 §7.6 defines for it: the even
/// groups 6000-601E (overlays) and 5000-501E (curves), each of the sixteen in turn; odd groups there
/// are private, and other groups are not repeating groups.
public enum BasicProfile {
    /// Entries by tag (repeating-group rows are in ``maskedEntries``).
    public static let entries: [AttributeTag: ProfileEntry] = {
        var entries: [AttributeTag: ProfileEntry] = [:]
        for row in table + supplement where row.mask == 0xFFFF_FFFF {
            if let entry = row.entry { entries[entry.tag] = entry }
        }
        return entries
    }()

    /// Repeating-group rows, matched as `tag & mask == row tag`.
    static let maskedEntries: [(mask: UInt32, entry: ProfileEntry)] = (table + supplement).compactMap { row in
        guard row.mask != 0xFFFF_FFFF, let entry = row.entry else { return nil }
        return (row.mask, entry)
    }

    /// Keywords of the table that the dictionary does not know (empty unless the table has a typo).
    public static var unresolvedKeywords: [String] {
        table.filter { $0.mask == 0xFFFF_FFFF && DataDictionary.tag(forKeyword: $0.keyword)?.rawValue != $0.tag }
            .map(\.keyword)
    }

    /// The action for `tag`, if the profile lists it.
    public static func entry(for tag: AttributeTag) -> ProfileEntry? {
        if let entry = entries[tag] { return entry }
        guard isRepeatingGroup(tag.group) else { return nil }
        return maskedEntries.first { tag.rawValue & $0.mask == $0.entry.tag.rawValue }?.entry
    }

    /// True for the even groups 5000-501E and 6000-601E (PS3.5 §7.6 repeating groups).
    static func isRepeatingGroup(_ group: UInt16) -> Bool {
        (group & 0xFF00 == 0x5000 || group & 0xFF00 == 0x6000) && group & 0x00FF <= 0x1E && group & 1 == 0
    }
}
