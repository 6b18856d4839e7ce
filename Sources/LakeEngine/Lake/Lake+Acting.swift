extension Lake {
    /// This open lake acting as `actor`: the same configuration, catalog and tiers, another user.
    ///
    /// For the lake service, which opens the lake once and serves each request as the socket peer the
    /// kernel names (never as itself). Object access times are shared with this lake; the once-per-session
    /// audit of reads through a grant (``GrantedReadLog``) starts anew, so each request audits its own.
    public func acting(as actor: Identity) -> Lake {
        Lake(root: root, configuration: configuration, catalog: catalog, actor: actor, id: id, accesses: accesses)
    }
}
