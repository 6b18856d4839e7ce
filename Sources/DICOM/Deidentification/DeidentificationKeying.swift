/// The keyed replacements de-identification needs: deterministic UIDs, patient pseudonyms and date
/// offsets.
///
/// The DICOM module knows no keys; the lake implements this with a keyed hash, so the same original
/// always maps to the same replacement within one lake (study/series relations survive) and nobody
/// without the key can invert or recompute the mapping.
public protocol DeidentificationKeying: Sendable {
    /// A `2.25.` UID standing for `uid`.
    func remapUID(_ uid: String) -> String
    /// The pseudonym standing for patient `id`.
    func pseudonym(forPatient id: String) -> String
    /// Days to move the dates of patient `id` back by (at least 1), the same for all their objects.
    func dateShiftDays(forPatient id: String) -> Int
}
