extension BasicProfile {
    /// Rows MedLake adds to Table E.1-1: free text of the overlay repeating groups that the table does not
    /// list but that carries whatever the modality or a person typed — scanners write the patient name
    /// into overlay descriptions and labels ("Overlay: DOE JOHN").
    ///
    /// They take the action of their neighbours Overlay Data and Overlay Comments (60xx,3000/4000): X,
    /// with Clean Graphics as the only option (which MedLake does not offer), so they are always removed.
    static let supplement: [ProfileRow] = [
        ProfileRow(0x6000_0022, 0xFF00_FFFF, "X", "graph=C", "OverlayDescription", "Overlay Description"),
        ProfileRow(0x6000_1500, 0xFF00_FFFF, "X", "graph=C", "OverlayLabel", "Overlay Label"),
    ]
}
