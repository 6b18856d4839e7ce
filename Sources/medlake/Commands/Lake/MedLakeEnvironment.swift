import Catalog
import LakeEngine
import TUI

/// Every `MEDLAKE_…` environment variable `medlake` reads, gathered from the constants the code reading
/// each one uses, so the list cannot drift from the code. Deployment manifests are checked against it
/// (`KubernetesManifestArgumentsTests`): a pod setting a variable no command reads is a mistake (a
/// misspelling, or a name from before a rename) that would otherwise go unnoticed.
enum MedLakeEnvironment {
    static let variables: Set<String> = Set(
        [
            Lake.environmentVariable, LakeOptions.tokenVariable, LakeOptions.caFileVariable,
            RemoteCredentials.userVariable, RemoteCredentials.passwordVariable, ThemeLoader.environmentVariable,
            PostgresCatalogLocation.passwordVariable, PostgresCatalogLocation.passwordFileVariable,
        ] + RunContext.Variables.all
    ).filter { $0.hasPrefix("MEDLAKE_") }
}
