import Catalog
import LakeEngine

/// What an add-flag dialog offers for one target: the codes that fit its kind (the engine's
/// ``FlagOperations/flagVocabulary(_:)``, read once into the ``WorkbenchSession``) and a severity that
/// starts at each code's own and can be changed.
struct FlagCodeChoices: Sendable, Hashable {
    var codes: [String]
    var severity: NoteDialog.Option

    init(session: WorkbenchSession, kind: FlagTargetKind) {
        let vocabulary = session.flagCodes[kind] ?? []
        let severities = FlagSeverity.allCases
        codes = vocabulary.map(\.code)
        severity = NoteDialog.Option(
            label: "severity", values: severities.map(\.rawValue),
            defaults: vocabulary.map { code in severities.firstIndex(of: code.severity) ?? 0 })
    }
}
