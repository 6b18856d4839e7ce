/// A theme resolved for one terminal: a ``Style`` per ``Role`` plus the glyphs it can draw.
///
/// The buffer carries its palette, so a widget only names roles and glyph kinds.
public struct Palette: Sendable, Hashable {
    private var styles: [Role: Style]
    /// The colour depth the styles were resolved for.
    public var depth: ColorDepth
    public var glyphs: Glyphs

    public init(styles: [Role: Style], depth: ColorDepth, glyphs: Glyphs) {
        self.styles = styles
        self.depth = depth
        self.glyphs = glyphs
    }

    /// The style for `role`.
    public subscript(role: Role) -> Style {
        styles[role] ?? .plain
    }

    /// No colours, Unicode glyphs: what headless tests draw with unless they test a theme.
    public static let plain = Theme(
        name: "plain",
        roles: [
            .selection: .init(attributes: .reverse), .cursor: .init(attributes: .reverse),
            .buttonFocused: .init(attributes: .reverse),
        ]
    ).palette(depth: .monochrome)
}
