import LakeEngine

extension Lake {
    /// The flag codes a person may raise, sorted.
    var flagVocabulary: [String] { configuration.flagCodes.keys.sorted() }
}
