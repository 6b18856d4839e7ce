/// Finds the word ArgumentParser could not place in a refused command line, and what was probably meant.
///
/// ArgumentParser reports an unknown subcommand as an "unexpected argument" of the default subcommand
/// (`medlake datsets` printed browse's usage) with no suggestion, and suggests options that are not near
/// (see ``Suggestion``). This walks the arguments through the ``CommandTree`` the way the parser does —
/// subcommand names descend, options are looked up at the current level, an option's value is skipped —
/// and names the first word that fits nowhere.
struct CommandLineDiagnosis {
    let tree: CommandTree

    /// The failure for `arguments` (without the program name), or `nil` when every subcommand and option
    /// exists and the problem is elsewhere (a missing value, a bad number…), which ArgumentParser words well.
    ///
    /// An unknown subcommand wins over an unknown option: in `medlake --json datsets`, the subcommand is the
    /// mistake to fix first.
    func failure(for arguments: [String]) -> CommandFailure? {
        var command = tree
        var path = [tree.commandName]
        var unknownOption: CommandFailure?
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            if word == "--" { break }
            if word.hasPrefix("-"), word.count > 1 {
                let spelling = word.hasPrefix("--") ? String(word.prefix { $0 != "=" }) : word
                if let argument = command.namedArgument(spelling) {
                    if argument.kind == .option, !word.contains("=") { index += 1 }
                } else if unknownOption == nil, word.hasPrefix("--") {
                    unknownOption = Self.unknownOption(spelling, in: command, path: path)
                }
                continue
            }
            if let subcommand = command.subcommand(named: word) {
                command = subcommand
                path.append(word)
                continue
            }
            if !command.subcommandNames.isEmpty, !command.takesPositionals {
                return Self.unknownCommand(word, in: command, path: path)
            }
        }
        return unknownOption
    }

    private static func unknownCommand(_ word: String, in command: CommandTree, path: [String]) -> CommandFailure {
        let place = path.joined(separator: " ")
        var failure = CommandFailure(code: .unknownCommand, message: "Unknown command '\(word)'.")
        failure.argument = word
        failure.command = place
        let visible = (command.subcommands ?? []).filter { $0.shouldDisplay != false }.map(\.commandName)
        if let suggestion = Suggestion.nearest(to: word, among: visible) {
            failure.suggestion = suggestion
            failure.message = "Unknown command '\(word)'. Did you mean '\(suggestion)'?"
        } else {
            failure.message = "Unknown command '\(word)'. See '\(place) --help' for the commands."
        }
        return failure
    }

    private static func unknownOption(_ spelling: String, in command: CommandTree, path: [String]) -> CommandFailure {
        let place = path.joined(separator: " ")
        var failure = CommandFailure(code: .unknownOption, message: "Unknown option '\(spelling)' for '\(place)'.")
        failure.argument = spelling
        failure.command = place
        let bare = String(spelling.dropFirst(2))
        if let suggestion = Suggestion.nearest(to: spelling, among: command.visibleLongOptions) {
            failure.suggestion = suggestion
            failure.message += " Did you mean '\(suggestion)'?"
        } else if command.acceptedArguments.contains(where: { $0.kind == .positional && $0.valueName == bare }) {
            // `flags add --code qc`: the value is positional, given without a name.
            failure.message += " <\(bare)> is given without a name: \(place) \(command.positionalSynopsis)"
        } else {
            failure.message += " See '\(place) --help' for its options."
        }
        return failure
    }
}
