import Foundation
import TUI
import TUICurses

guard let options = DemoOptions(Array(CommandLine.arguments.dropFirst())) else {
    FileHandle.standardError.write(Data((DemoOptions.usage + "\n").utf8))
    exit(2)
}

let choice: ThemeLoader.Choice
do {
    choice = try ThemeLoader().choose(
        flag: options.theme,
        environment: ProcessInfo.processInfo.environment,
        lakeConfig: nil
    )
} catch {
    FileHandle.standardError.write(Data("tui-demo: \(error)\n".utf8))
    exit(2)
}

if let frames = options.benchFrames {
    print(FrameBenchmark.run(frames: frames, theme: choice.theme))
    exit(0)
}

if let pidFile = options.pidFile {
    try? "\(getpid())\n".write(toFile: pidFile, atomically: true, encoding: .utf8)
}

do {
    let program = DemoProgram(crashKey: options.crashKey)
    try CursesTerminal.run(program, theme: choice.theme, noColor: choice.noColor) { size in
        DemoProgram.Model(
            size: size,
            running: !options.paused,
            tickLimit: options.ticks,
            themeName: choice.theme.name
        )
    }
} catch {
    FileHandle.standardError.write(Data("tui-demo: \(error)\n".utf8))
    exit(1)
}
