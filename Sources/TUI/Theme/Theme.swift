/// A named set of looks, one per ``Role``, each given for 256- and 16-colour terminals.
///
/// Load one with ``ThemeLoader``; resolve it for a terminal with ``palette(depth:glyphs:)``.
public struct Theme: Sendable, Hashable {
    /// How one role looks.
    public struct RoleStyle: Sendable, Hashable {
        public var foreground256: Color
        public var background256: Color
        public var foreground16: Color
        public var background16: Color
        public var attributes: Attributes

        public init(
            foreground256: Color = .default,
            background256: Color = .default,
            foreground16: Color = .default,
            background16: Color = .default,
            attributes: Attributes = []
        ) {
            self.foreground256 = foreground256
            self.background256 = background256
            self.foreground16 = foreground16
            self.background16 = background16
            self.attributes = attributes
        }
    }

    public var name: String
    /// Looks per role; a role missing here is drawn like ``Role/normal``.
    public var roles: [Role: RoleStyle]

    public init(name: String, roles: [Role: RoleStyle]) {
        self.name = name
        self.roles = roles
    }

    /// Styles for every role at `depth`, with the glyph set the terminal can draw.
    ///
    /// On 8-colour terminals the 16-colour values lose their bright bit (ANSI 9 → 1); with
    /// ``ColorDepth/monochrome`` only the attributes remain.
    public func palette(depth: ColorDepth, glyphs: Glyphs = .unicode) -> Palette {
        var styles: [Role: Style] = [:]
        let fallback = roles[.normal] ?? RoleStyle()
        for role in Role.allCases {
            let look = roles[role] ?? fallback
            styles[role] = Self.resolve(look, depth: depth)
        }
        return Palette(styles: styles, depth: depth, glyphs: glyphs)
    }

    private static func resolve(_ look: RoleStyle, depth: ColorDepth) -> Style {
        switch depth {
        case .monochrome:
            return Style(attributes: look.attributes)
        case .ansi8:
            return Style(
                foreground: eightColor(look.foreground16),
                background: eightColor(look.background16),
                attributes: look.attributes
            )
        case .ansi16:
            return Style(foreground: look.foreground16, background: look.background16, attributes: look.attributes)
        case .ansi256:
            return Style(foreground: look.foreground256, background: look.background256, attributes: look.attributes)
        }
    }

    private static func eightColor(_ color: Color) -> Color {
        if case .indexed(let index) = color { return .indexed(index % 8) }
        return color
    }
}
