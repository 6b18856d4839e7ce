import ArgumentParser

/// The `medlake` command: the lake's command-line interface and, later, its terminal workbench.
@main
struct MedLake: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "medlake",
        abstract: "Catalog, inspect and govern an AI-ready medical data lake.",
        version: "0.1.0",
        subcommands: [
            DICOMCommand.self,
            GenomicsCommand.self,
            InitCommand.self,
            ShareCommand.self,
            ServeCommand.self,
            IngestCommand.self,
            DatasetsCommand.self,
            StudiesCommand.self,
            SeriesCommand.self,
            ShowCommand.self,
            SamplesCommand.self,
            ModalitiesCommand.self,
            FlagsCommand.self,
            AuditCommand.self,
            RolesCommand.self,
            LifecycleCommand.self,
            MigrateCommand.self,
            RestoreCommand.self,
            WorkerCommand.self,
            FsckCommand.self,
            CatalogCommand.self,
            VersionCommand.self,
            ManifestCommand.self,
            PromoteCommand.self,
            GrantCommand.self,
            TokenCommand.self,
            LabelCommand.self,
            RunCommand.self,
            StageCommand.self,
            ExplainCommand.self,
            TierCommand.self,
            RetentionCommand.self,
            HoldCommand.self,
            DatasetCommand.self,
            BrowseCommand.self,
            SampleDataCommand.self,
        ],
        defaultSubcommand: BrowseCommand.self
    )
}
