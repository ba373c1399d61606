import ArgumentParser
import BoardFormats
import BoardStore
import Foundation

/// Runs a parsed command and maps errors to exit codes and one-line messages on stderr.
enum CommandRunner {
    static func run(arguments: [String]) -> Int32 {
        // Whatever happened, the heads of the stores the command opened go to the witness log.
        defer { Witness.shared.recordAll() }
        do {
            var command = try Tumorboard.parseAsRoot(try CommandLineOrder.normalized(arguments))
            try command.run()
            return 0
        } catch let error as ImportError {
            fail(error.description)
            return 1
        } catch let error as StoreError {
            fail(error.description)
            return error.isUserError ? 1 : 2
        } catch let error as CommandFailure {
            fail(error.message)
            return error.code
        } catch {
            let code = Tumorboard.exitCode(for: error)
            if code == .success {
                // --help and --version print their text through ArgumentParser.
                print(Tumorboard.fullMessage(for: error))
                return 0
            }
            let message = Tumorboard.fullMessage(for: error)
            FileHandle.standardError.write(Data((message + "\n").utf8))
            return 1
        }
    }

    static func fail(_ message: String) {
        FileHandle.standardError.write(Data("tumorboard: \(message)\n".utf8))
    }
}

/// Puts the subcommand first when options precede it (`tumorboard --store X cases`), and names an unknown
/// subcommand instead of letting the default command (`open`) print its own usage.
enum CommandLineOrder {
    /// Options before a subcommand that take a value (the global ones and the screen's).
    static let optionsWithValue: Set<String> = ["--store", "--user", "--theme"]

    static func normalized(_ arguments: [String]) throws -> [String] {
        var i = 0
        while i < arguments.count, arguments[i].hasPrefix("-"), arguments[i] != "--" {
            i += optionsWithValue.contains(arguments[i]) ? 2 : 1
        }
        guard i < arguments.count, arguments[i] != "--" else { return arguments }
        let word = arguments[i]
        let names = Tumorboard.configuration.subcommands.map { $0.configuration.commandName ?? "" } + ["help"]
        guard names.contains(word) else {
            throw CommandFailure(
                message:
                    "unknown command \"\(word)\"; expected one of \(names.dropLast().joined(separator: ", ")) (see tumorboard --help)"
            )
        }
        if i == 0 { return arguments }
        return [word] + arguments[..<i] + arguments[(i + 1)...]
    }
}

/// A failure the command reports itself, with its exit code.
struct CommandFailure: Error {
    var message: String
    var code: Int32 = 1
}
