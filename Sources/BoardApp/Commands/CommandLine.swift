import Foundation

/// A parsed `:` command. Unknown words come back as `.unknown` so the app can say what it accepts.
public enum BoardCommand: Equatable, Sendable {
    case meeting(String?)
    case openCase(String)
    case trial(String)
    case search(String)
    case theme(String)
    case privacy
    case home
    case help
    case drafts
    case quit
    case unknown(String)

    /// Every command with its argument (":meeting [ID], :case ID, …"), for the unknown-command message.
    public static var summary: String { CommandTable.board.summary }

    public static func parse(_ text: String) -> BoardCommand { CommandTable.board.parse(text) }
}
