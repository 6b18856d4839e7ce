import GRDB

extension CatalogMigrations {
    // MARK: - v4-stage-runContext

    /// Where a training run ran (pod, namespace, node, the workflow run that started it), and the versions
    /// staged for it (`medlake stage --run`), so `run show` and `explain` can say what a run read and where.
    static func createRunContext(_ db: Database) throws {
        try db.alter(table: "trainingRun") { t in
            t.add(column: "pod", .text)
            t.add(column: "namespace", .text)
            t.add(column: "node", .text)
            t.add(column: "workflowRun", .text)
        }
        try db.create(table: "runStaging") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("run", inTable: "trainingRun", onDelete: .cascade).notNull()
            t.column("manifestHash", .text).notNull()
            t.column("directory", .text).notNull()
            t.column("files", .integer).notNull()
            t.column("bytes", .integer).notNull()
            t.column("stagedBy", .text).notNull()
            t.column("stagedAt", .datetime).notNull()
        }
    }
}
