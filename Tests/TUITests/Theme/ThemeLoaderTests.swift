import Foundation
import Testing

@testable import TUI

@Suite struct ThemeLoaderTests {
    private static let themesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Themes")

    @Test(arguments: ["default", "light", "high-contrast", "mono"])
    func builtinThemesMatchTheThemesFolderAndCoverEveryRole(name: String) throws {
        let file = try String(contentsOf: Self.themesFolder.appendingPathComponent(name + ".toml"), encoding: .utf8)
        #expect(ThemeLoader.builtinThemes[name].map { $0 + "\n" } == file, "run Scripts/embed-themes.sh")
        let theme = try ThemeLoader().load(name)
        #expect(theme.name == name)
        #expect(Set(theme.roles.keys) == Set(Role.allCases))
    }

    @Test(arguments: ["default", "light", "high-contrast", "mono"])
    func selectionsAndFocusStayVisibleAtEveryDepth(name: String) throws {
        let theme = try ThemeLoader().load(name)
        for depth in [ColorDepth.ansi256, .ansi16, .ansi8, .monochrome] {
            let palette = theme.palette(depth: depth)
            for role in [Role.selection, .buttonFocused, .cursor, .tabActive] {
                #expect(palette[role] != palette[.normal], "\(name) at \(depth): \(role) looks like normal text")
            }
        }
    }

    @Test(arguments: ["default", "light", "high-contrast", "mono"])
    func eightColoursDrawEveryRoleVisibly(name: String) throws {
        let theme = try ThemeLoader().load(name)
        let palette = theme.palette(depth: .ansi8)
        for role in Role.allCases {
            let style = palette[role]
            if case .indexed = style.foreground {
                #expect(style.foreground != style.background, "\(name): \(role) is drawn in its own background")
            }
            if case .indexed(let index) = style.foreground { #expect(index < 8, "\(name): \(role) uses \(index)") }
            if case .indexed(let index) = style.background { #expect(index < 8, "\(name): \(role) uses \(index)") }
        }
    }

    @Test func eightColourBordersAndMutedTextUseTheNormalInk() throws {
        let dark = try ThemeLoader().load("default").palette(depth: .ansi8)
        #expect(dark[.border].foreground == .indexed(7), "not black on a dark background (TERM=linux)")
        #expect(dark[.muted].foreground == .indexed(7))
        #expect(dark[.borderFocused].foreground == .indexed(4))
        #expect(dark[.selectionInactive] == Style(foreground: .indexed(0), background: .indexed(7)))
        let light = try ThemeLoader().load("light").palette(depth: .ansi8)
        #expect(light[.normal].foreground == .indexed(0))
        #expect(light[.border].foreground != .indexed(7), "a light theme keeps dark ink")
    }

    @Test func rolesResolvePerDepth() throws {
        let theme = try ThemeLoader().load("default")
        #expect(
            theme.palette(depth: .ansi256)[.header]
                == Style(foreground: .indexed(231), background: .indexed(24), attributes: .bold)
        )
        #expect(
            theme.palette(depth: .ansi16)[.header]
                == Style(foreground: .indexed(15), background: .indexed(4), attributes: .bold)
        )
        #expect(
            theme.palette(depth: .ansi8)[.header]
                == Style(foreground: .indexed(7), background: .indexed(4), attributes: .bold)
        )
        #expect(theme.palette(depth: .monochrome)[.header] == Style(attributes: .bold))
    }

    @Test func precedenceIsFlagThenEnvironmentThenLakeConfig() throws {
        let loader = ThemeLoader()
        #expect(
            try loader.choose(flag: "light", environment: ["MEDLAKE_THEME": "mono"], lakeConfig: "high-contrast").theme
                .name == "light"
        )
        #expect(
            try loader.choose(flag: nil, environment: ["MEDLAKE_THEME": "mono"], lakeConfig: "high-contrast").theme.name
                == "mono"
        )
        #expect(
            try loader.choose(flag: nil, environment: [:], lakeConfig: "high-contrast").theme.name == "high-contrast"
        )
        let fallback = try loader.choose(flag: nil, environment: [:], lakeConfig: nil)
        #expect(fallback.theme.name == "default" && fallback.source == .fallback && !fallback.noColor)
    }

    @Test func noColorDropsColoursAndPicksMonoUnlessAThemeWasChosen() throws {
        let loader = ThemeLoader()
        let plain = try loader.choose(flag: nil, environment: ["NO_COLOR": "1"], lakeConfig: nil)
        #expect(plain.theme.name == "mono" && plain.noColor)
        let chosen = try loader.choose(flag: "light", environment: ["NO_COLOR": "1"], lakeConfig: nil)
        #expect(chosen.theme.name == "light" && chosen.noColor)
        #expect(try !loader.choose(flag: nil, environment: ["NO_COLOR": ""], lakeConfig: nil).noColor)
    }

    @Test func searchDirectoriesComeBeforeBuiltins() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "name = \"site\"\n[selection]\nfg = 1\nattributes = [\"bold\"]\n"
            .write(to: directory.appendingPathComponent("default.toml"), atomically: true, encoding: .utf8)
        let theme = try ThemeLoader(searchDirectories: [directory.path]).load("default")
        #expect(theme.name == "site")
        #expect(theme.roles[.selection]?.foreground256 == .indexed(1))
    }

    @Test func syntaxErrorsNameTheLine() {
        let error = #expect(throws: ThemeError.self) {
            try ThemeLoader.parse("name = \"x\"\n[normal]\nfg = \n", file: "bad.toml")
        }
        #expect(error?.kind == .syntax)
        #expect(error?.line == 3)
        #expect(error?.description.hasPrefix("theme bad.toml, line 3:") == true)
    }

    @Test func semanticErrorsNameTheLine() {
        let badColor = #expect(throws: ThemeError.self) {
            try ThemeLoader.parse("[normal]\nfg = 7\n\n[title]\nbg16 = 16\n", file: "t.toml")
        }
        #expect(badColor?.line == 5)
        #expect(badColor?.description.contains("'bg16' must be 0-15") == true)
        let badRole = #expect(throws: ThemeError.self) {
            try ThemeLoader.parse("[normal]\nfg = 7\n[titel]\nfg = 1\n", file: "t.toml")
        }
        #expect(badRole?.line == 3)
        let badAttribute = #expect(throws: ThemeError.self) {
            try ThemeLoader.parse("[normal]\nattributes = [\"bold\", \"sparkly\"]\n", file: "t.toml")
        }
        #expect(badAttribute?.line == 2)
        let badKey = #expect(throws: ThemeError.self) {
            try ThemeLoader.parse("[normal]\nfg = 1\ncolour = 2\n", file: "t.toml")
        }
        #expect(badKey?.line == 3)
    }

    @Test func unknownThemesSayWhereTheyWereLookedFor() {
        let error = #expect(throws: ThemeError.self) {
            try ThemeLoader(searchDirectories: ["/nonexistent"]).load("neon")
        }
        #expect(error?.description.contains("/nonexistent/neon.toml") == true)
    }
}
