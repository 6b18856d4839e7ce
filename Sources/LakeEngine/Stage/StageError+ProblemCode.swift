extension StageError {
    /// The stable code this error answers with, over the service and in the CLI's `--json` errors alike.
    public var problemCode: ProblemCode {
        switch self {
        case .needsRestore: .restoreRequired
        case .corruptSource, .missingSource, .untrustedPlan: .systemError
        case .unsafePath, .runOnOtherManifest: .invalidArgument
        case .restoreFailed: .failed
        case .destinationInUse: .conflict
        }
    }
}
