/// The look of one cell: colours already resolved for the terminal's depth, plus attributes.
///
/// Widgets do not build styles from numbers; they ask the buffer's ``Palette`` for a ``Role`` and get
/// the theme's choice for that role at the terminal's depth.
public struct Style: Sendable, Hashable {
    public var foreground: Color
    public var background: Color
    public var attributes: Attributes

    public init(foreground: Color = .default, background: Color = .default, attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The terminal's default look.
    public static let plain = Style()

    /// This style with `attributes` added.
    public func adding(_ attributes: Attributes) -> Style {
        var copy = self
        copy.attributes.formUnion(attributes)
        return copy
    }
}
