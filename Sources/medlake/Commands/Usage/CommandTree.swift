import ArgumentParser
import Foundation

/// The `medlake` command tree — names, subcommands, options and positional arguments — as ArgumentParser
/// describes it, for diagnosing command lines it refused.
///
/// ArgumentParser exposes its model of a command only as the JSON of `--experimental-dump-help`
/// (`_dumpHelp()`); its types are internal. Only the fields read here are decoded, so later additions to
/// that format do not matter.
struct CommandTree: Decodable, Sendable {
    /// One named or positional argument.
    struct Argument: Decodable, Sendable {
        enum Kind: String, Decodable, Sendable {
            case positional, option, flag
        }

        struct Name: Decodable, Sendable {
            enum Kind: String, Decodable, Sendable {
                case long, short, longWithSingleDash
            }

            var kind: Kind
            var name: String

            /// As typed: `--note`, `-h`.
            var spelling: String { kind == .short ? "-" + name : (kind == .long ? "--" : "-") + name }
        }

        var kind: Kind
        var names: [Name]?
        /// `<code>` in usage lines.
        var valueName: String?
        var shouldDisplay: Bool?
    }

    var commandName: String
    var arguments: [Argument]?
    var subcommands: [CommandTree]?
    var defaultSubcommand: String?
    var shouldDisplay: Bool?

    /// The tree of `command` and everything below it.
    static func of(_ command: any ParsableCommand.Type) throws -> CommandTree {
        struct Dump: Decodable { var command: CommandTree }
        return try JSONDecoder().decode(Dump.self, from: Data(command._dumpHelp().utf8)).command
    }
}

// MARK: - Lookups

extension CommandTree {
    /// The subcommand called `name`.
    func subcommand(named name: String) -> CommandTree? {
        subcommands?.first { $0.commandName == name }
    }

    /// The arguments this command accepts where it stands on the command line: its own and, when a default
    /// subcommand runs in its place (`medlake` runs `browse`), that subcommand's.
    var acceptedArguments: [Argument] {
        let own = arguments ?? []
        guard let defaultSubcommand, let fallback = subcommand(named: defaultSubcommand) else { return own }
        return own + (fallback.arguments ?? [])
    }

    /// The named argument spelt `spelling` (`--note`, `-h`).
    func namedArgument(_ spelling: String) -> Argument? {
        acceptedArguments.first { $0.names?.contains { $0.spelling == spelling } ?? false }
    }

    /// Whether a bare word here is a positional argument rather than a subcommand name.
    var takesPositionals: Bool {
        acceptedArguments.contains { $0.kind == .positional }
    }

    /// The names a user can type for the subcommands, hidden ones included (they work when typed).
    var subcommandNames: [String] { (subcommands ?? []).map(\.commandName) }

    /// The long option spellings shown in help.
    var visibleLongOptions: [String] {
        acceptedArguments.filter { $0.kind != .positional && $0.shouldDisplay != false }
            .flatMap { $0.names ?? [] }.filter { $0.kind != .short }.map(\.spelling)
    }

    /// `<target> <code>`: the positional arguments in order, as in usage lines.
    var positionalSynopsis: String {
        acceptedArguments.filter { $0.kind == .positional }.map { "<\($0.valueName ?? "value")>" }
            .joined(separator: " ")
    }
}
