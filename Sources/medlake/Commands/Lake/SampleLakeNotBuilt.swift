/// A command was pointed at a sample lake (a lake folder with `sources/`) whose catalog has not been
/// built: the workbench's first open builds it (``SampleLakeSetup``), and until then a command would
/// answer from an empty lake.
struct SampleLakeNotBuilt: Error, CustomStringConvertible {
    let root: String

    var description: String {
        "the sample lake at \(root) is not built yet: open it once with `medlake` (the workbench), "
            + "then run the command again"
    }
}
