/// An ordered collection of data elements: a whole data set, the file meta group, or a sequence item.
///
/// Elements keep the order they were read in (ascending tags in well-formed data). A data set also
/// carries the Specific Character Set in force for it: its own (0008,0005), or the enclosing data
/// set's for items that have none (PS3.5 §6.1.2.5: sequence items inherit it).
public struct DataSet: Sendable {
    public var elements: [DataElement]
    /// The character set that text values of this data set are decoded with.
    public var characterSet: SpecificCharacterSet

    public init(elements: [DataElement] = [], characterSet: SpecificCharacterSet = .default) {
        self.elements = elements
        self.characterSet = characterSet
    }

    /// The element with `tag`, if present.
    public subscript(tag: AttributeTag) -> DataElement? {
        elements.first { $0.tag == tag }
    }

    /// Whether an element with `tag` is present.
    public func contains(_ tag: AttributeTag) -> Bool {
        elements.contains { $0.tag == tag }
    }

    /// Inserts `element` in tag order, replacing an element with the same tag.
    public mutating func set(_ element: DataElement) {
        if let index = elements.firstIndex(where: { $0.tag >= element.tag }) {
            if elements[index].tag == element.tag {
                elements[index] = element
            } else {
                elements.insert(element, at: index)
            }
        } else {
            elements.append(element)
        }
        if element.tag == .specificCharacterSet {
            characterSet = SpecificCharacterSet(value: element.bytes)
        }
    }

    /// Removes the element with `tag`, if present.
    public mutating func remove(_ tag: AttributeTag) {
        elements.removeAll { $0.tag == tag }
    }

    /// The private creator reserving the block of a private element, e.g. `"SIEMENS CSA HEADER"`,
    /// read from `(gggg,00xx)` in this data set (PS3.5 §7.8.1).
    public func privateCreator(of tag: AttributeTag) -> String? {
        guard let creatorTag = tag.privateCreatorTag, let creator = self[creatorTag] else { return nil }
        return creator.strings(characterSet: characterSet).first
    }
}

// MARK: - Equatable

extension DataSet: Equatable {
    /// Data sets are equal when their elements are; the character set is derived from them.
    public static func == (lhs: DataSet, rhs: DataSet) -> Bool { lhs.elements == rhs.elements }
}
