import TUI

/// What the demo's keys do.
enum DemoAction: Hashable, Sendable {
    case up, down, pageUp, pageDown, top, bottom, switchPane, toggle, sort, delete, pause, preview, help, quit
}

/// The demo keymap; the hint bar and the help overlay are generated from it.
let demoKeymap = Keymap<DemoAction>([
    KeyBinding([.character("k"), .up], .up, help: "up", group: "Navigation", inHintBar: false),
    KeyBinding([.character("j"), .down], .down, help: "down", group: "Navigation", inHintBar: false),
    KeyBinding([.pageUp], .pageUp, help: "page up", group: "Navigation", inHintBar: false),
    KeyBinding([.pageDown], .pageDown, help: "page down", group: "Navigation", inHintBar: false),
    KeyBinding([.character("g"), .home], .top, help: "first", group: "Navigation", inHintBar: false),
    KeyBinding([.character("G"), .end], .bottom, help: "last", group: "Navigation", inHintBar: false),
    KeyBinding([.tab], .switchPane, help: "next pane", group: "Navigation"),
    KeyBinding([.enter], .toggle, help: "expand", group: "Navigation"),
    KeyBinding([.character("s")], .sort, help: "sort"),
    KeyBinding([.character("d")], .delete, help: "delete"),
    KeyBinding([.character("p")], .pause, help: "pause/resume"),
    KeyBinding([.character("i")], .preview, help: "image"),
    KeyBinding([.character("?")], .help, help: "help", group: "General"),
    KeyBinding([.character("q")], .quit, help: "quit", group: "General"),
])
