extension SAMHeader {
    /// The `@PG` records ordered from the first program that ran to the last, following `PP` links.
    ///
    /// When the file holds several chains (merged files), the longest comes first; programs not on it
    /// follow in their own chains. Cycles and dangling `PP` links end a chain instead of looping.
    public var programChains: [[SAMProgram]] {
        let byID = Dictionary(programs.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let referenced = Set(programs.compactMap(\.previousID))
        let leaves = programs.filter { !referenced.contains($0.id) }
        var chains: [[SAMProgram]] = []
        for leaf in leaves {
            var chain: [SAMProgram] = []
            var seen: Set<String> = []
            var current: SAMProgram? = leaf
            while let program = current, seen.insert(program.id).inserted {
                chain.append(program)
                current = program.previousID.flatMap { byID[$0] }
            }
            chains.append(chain.reversed())
        }
        if chains.isEmpty, !programs.isEmpty { chains = [programs] }
        return chains.sorted { $0.count > $1.count }
    }

    /// The aligner that produced the alignments: the first program of the main chain whose name is a
    /// known aligner, else nil.
    public var aligner: SAMProgram? {
        for chain in programChains {
            if let program = chain.first(where: { KnownPrograms.isAligner($0.name ?? $0.id) }) { return program }
        }
        return nil
    }
}
