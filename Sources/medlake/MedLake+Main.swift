import ArgumentParser

// MARK: - Running

extension MedLake {
    /// Parses the command line and runs the chosen command, like ArgumentParser's `main()`, except for failures:
    ///
    /// - A command line naming a subcommand or option that does not exist gets an "Unknown command" or
    ///   "Unknown option" error with a suggestion only when one is a likely typo (``CommandLineDiagnosis``).
    /// - With `--json`, every failure is one JSON object on standard error (``CommandFailure``).
    /// - Help, `--version` and completion scripts print as ArgumentParser prints them; none needs a lake.
    ///
    /// Exit status: 0 on success, 64 when the command line is refused, 1 when the command fails (and what a
    /// command chooses itself, such as `ingest`'s 3 for files it could not ingest).
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        var command: any ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            refuse(arguments, error)
        }
        do {
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            fail(error, arguments: arguments)
        }
    }

    /// Exits for a command line that did not parse (or asked for help, a version or a completion script).
    private static func refuse(_ arguments: [String], _ error: any Error) -> Never {
        // Help, `--version` and completion scripts arrive as errors with a successful exit code.
        if exitCode(for: error) == .success { exit(withError: error) }
        let tree = try? CommandTree.of(Self.self)
        let diagnosed = tree.flatMap { CommandLineDiagnosis(tree: $0).failure(for: arguments) }
        let json = CommandFailure.wantsJSON(arguments)
        guard diagnosed != nil || json else { exit(withError: error) }
        let failure = diagnosed ?? CommandFailure(code: .invalidArgument, message: message(for: error))
        failure.report(json: json)
        exit(withError: diagnosed == nil ? exitCode(for: error) : ExitCode.validationFailure)
    }

    /// Exits for a command that failed while running.
    private static func fail(_ error: any Error, arguments: [String]) -> Never {
        // `--help` runs a help command whose `run()` throws the request; ArgumentParser prints it.
        if error is ExitCode || exitCode(for: error) == .success { exit(withError: error) }
        let json = CommandFailure.wantsJSON(arguments)
        if error is ValidationError, !json { exit(withError: error) }
        CommandFailure(error).report(json: json)
        exit(withError: error is ValidationError ? ExitCode.validationFailure : ExitCode.failure)
    }
}
