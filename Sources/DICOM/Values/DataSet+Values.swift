/// Convenience accessors that decode a data set's text with its own Specific Character Set.
extension DataSet {
    /// The first text value of `tag`, padding trimmed; `nil` if absent or empty.
    public func string(_ tag: AttributeTag) -> String? {
        self[tag]?.strings(characterSet: characterSet).first
    }

    /// All text values of `tag`.
    public func strings(_ tag: AttributeTag) -> [String] {
        self[tag]?.strings(characterSet: characterSet) ?? []
    }

    /// The first integer of `tag`: US, SS, UL, SL or IS.
    public func integer(_ tag: AttributeTag) -> Int? {
        guard let element = self[tag] else { return nil }
        if let numbers = element.binaryNumbers { return numbers.first.flatMap { Int(exactly: $0) } }
        return element.integers.first
    }

    /// The first PN value of `tag`.
    public func personName(_ tag: AttributeTag) -> PersonName? {
        self[tag]?.personNames(characterSet: characterSet).first
    }
}
