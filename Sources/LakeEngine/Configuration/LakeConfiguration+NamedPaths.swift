extension LakeConfiguration {
    /// The folders and files of the lake that `lake.toml` names, as absolute paths: each folder tier
    /// (sorted), the de-identification key file and the catalog's password file when there is one,
    /// wherever they are (inside the lake folder or not).
    ///
    /// What belongs to the lake beside its folder: ``Lake/requirePersonal(root:configuration:)`` checks
    /// them, and ``Lake/share(root:toUser:group:)`` hands them over with it.
    func namedPaths(lakeRoot: String) -> [String] {
        let tierFolders = tiers.values.filter { $0.s3 == nil }.map(\.path).sorted()
        let files = [governance.keyFile] + (catalog.passwordFile.map { [$0] } ?? [])
        return (tierFolders + files).map { $0.hasPrefix("/") ? $0 : lakeRoot + "/" + $0 }
    }
}
