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
    /// On 8-colour terminals (`TERM=linux`, `TERM=screen`) the theme's 8-colour form is derived
    /// automatically (``eightColorStyle(_:ink:)``); with ``ColorDepth/monochrome`` only the attributes
    /// remain.
    public func palette(depth: ColorDepth, glyphs: Glyphs = .unicode) -> Palette {
        var styles: [Role: Style] = [:]
        let fallback = roles[.normal] ?? RoleStyle()
        let ink = Self.eightColor(fallback.foreground16, ink: .default)
        for role in Role.allCases {
            let look = roles[role] ?? fallback
            styles[role] = Self.resolve(look, depth: depth, ink: ink)
        }
        return Palette(styles: styles, depth: depth, glyphs: glyphs)
    }

    private static func resolve(_ look: RoleStyle, depth: ColorDepth, ink: Color) -> Style {
        switch depth {
        case .monochrome:
            return Style(attributes: look.attributes)
        case .ansi8:
            return eightColorStyle(look, ink: ink)
        case .ansi16:
            return Style(foreground: look.foreground16, background: look.background16, attributes: look.attributes)
        case .ansi256:
            return Style(foreground: look.foreground256, background: look.background256, attributes: look.attributes)
        }
    }

    /// A role's look on an 8-colour terminal, which has no bright colours.
    ///
    /// Bright colours lose their bright bit (ANSI 9 → 1), except bright black: themes use it for
    /// muted ink (borders, hints, inactive selections), and as plain black it vanished into a dark
    /// background (borders were black on black on `TERM=linux`). It becomes the theme's normal ink
    /// instead (`ink`, the 8-colour form of ``Role/normal``'s foreground: white on a dark theme, black
    /// on a light one). Should foreground and background then coincide, the foreground flips to black
    /// or white, so no role is ever drawn invisible.
    static func eightColorStyle(_ look: RoleStyle, ink: Color) -> Style {
        var foreground = eightColor(look.foreground16, ink: ink)
        let background = eightColor(look.background16, ink: ink)
        if foreground == background, case .indexed(let index) = background {
            foreground = .indexed(index == 0 ? 7 : 0)
        }
        return Style(foreground: foreground, background: background, attributes: look.attributes)
    }

    private static func eightColor(_ color: Color, ink: Color) -> Color {
        guard case .indexed(let index) = color else { return color }
        if index == 8 { return ink }
        return .indexed(index % 8)
    }
}
