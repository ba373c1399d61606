import Foundation
import TUIKit

/// The `:` commands as data, like the key tables: parsing, the help screen, the `:` key's description and the
/// unknown-command message are all drawn from this one list, so a new command cannot be missing from any of them.
public struct CommandTable: Sendable {
    /// One command: the words that call it (the first is its name), its argument, and what it does.
    public struct Entry: Sendable {
        public enum Argument: Sendable, Equatable {
            case none
            /// Shown as `[NAME]`; the command also runs without it.
            case optional(String)
            case required(String)
        }

        public let words: [String]
        public let argument: Argument
        public let help: String
        let make: @Sendable (String?) -> BoardCommand

        public init(
            _ words: [String], _ argument: Argument = .none, help: String,
            make: @escaping @Sendable (String?) -> BoardCommand
        ) {
            self.words = words
            self.argument = argument
            self.help = help
            self.make = make
        }

        public var name: String { words[0] }

        /// ":meeting [ID]", ":case ID", ":quit".
        public var usage: String {
            switch argument {
            case .none: ":\(name)"
            case .optional(let a): ":\(name) [\(a)]"
            case .required(let a): ":\(name) \(a)"
            }
        }
    }

    public let entries: [Entry]

    public init(_ entries: [Entry]) { self.entries = entries }

    /// The board screen's commands, in the order the help lists them.
    public static let board = CommandTable([
        Entry(["meeting", "m"], .optional("ID"), help: "open a meeting (the next upcoming one without an ID)") {
            .meeting($0)
        },
        Entry(["case", "c"], .required("ID"), help: "open a case") { .openCase($0 ?? "") },
        Entry(["trial", "t"], .required("ID"), help: "open a trial") { .trial($0 ?? "") },
        Entry(["search", "s", "find"], .required("TEXT"), help: "search the store") { .search($0 ?? "") },
        Entry(
            ["theme"], .required("NAME|PATH"),
            help: "switch theme (default, light, high-contrast, monochrome, colorblind)"
        ) { .theme($0 ?? "") },
        Entry(["privacy", "p"], help: "toggle privacy mode") { _ in .privacy },
        Entry(["drafts", "draft"], help: "reopen drafts kept from forms and editors left unsaved") { _ in .drafts },
        Entry(["help", "h"], help: "this screen") { _ in .help },
        Entry(["home"], help: "back to the home screen") { _ in .home },
        Entry(["quit", "q", "q!", "exit", "wq"], help: "leave") { _ in .quit },
    ])

    /// Reads a typed command line: the first word picks the command (any of its words, any case); the rest is
    /// its argument. A missing required argument or an unknown word gives `.unknown` with what was typed.
    public func parse(_ text: String) -> BoardCommand {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: " ", maxSplits: 1).map(String.init)
        guard let word = parts.first?.lowercased(), let entry = entries.first(where: { $0.words.contains(word) })
        else { return .unknown(trimmed) }
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : nil
        if case .required = entry.argument, argument == nil { return .unknown(trimmed) }
        return entry.make(argument)
    }

    /// ":meeting [ID], :case ID, …, :quit".
    public var summary: String { entries.map(\.usage).joined(separator: ", ") }

    /// The names alone (":meeting, :case, …"), for the `:` key's line in the key help.
    public var names: String { entries.map { ":\($0.name)" }.joined(separator: ", ") }

    /// The help screen's rows: the usage in an aligned column, the description wrapped under itself.
    public func helpLines(width: Int, labelWidth: Int? = nil) -> [String] {
        HelpColumns.lines(entries.map { (left: $0.usage, right: $0.help) }, width: width, labelWidth: labelWidth)
    }
}
