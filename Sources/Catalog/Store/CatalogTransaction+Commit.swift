extension CatalogTransaction {
    /// Runs `body` once this write transaction has committed (never if it rolls back).
    ///
    /// For effects outside the catalog that must follow a committed change and never precede it, such as
    /// the audit log's head checkpoint. `body` runs on the writer's thread right after the commit, before
    /// the next transaction of this process; another process may commit in between.
    public func afterCommit(_ body: @escaping @Sendable () -> Void) {
        connection.afterCommit(body)
    }
}
