import ArgumentParser

/// `medlake dicom …`: read DICOM files.
struct DICOMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dicom",
        abstract: "Read DICOM Part 10 files.",
        subcommands: [
            DICOMDumpCommand.self,
            DICOMTagsCommand.self,
            DICOMGenerateCommand.self,
            DICOMIndexCommand.self,
        ]
    )
}
