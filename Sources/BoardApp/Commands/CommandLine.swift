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

    public static let summary =
        ":meeting [ID], :case ID, :trial ID, :search TEXT, :theme NAME, :privacy, :drafts, :home, :help, :quit"

    public static func parse(_ text: String) -> BoardCommand {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: " ", maxSplits: 1).map(String.init)
        guard let word = parts.first?.lowercased() else { return .unknown("") }
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : nil
        switch word {
        case "meeting", "m": return .meeting(argument)
        case "case", "c": return argument.map(BoardCommand.openCase) ?? .unknown(trimmed)
        case "trial", "t": return argument.map(BoardCommand.trial) ?? .unknown(trimmed)
        case "search", "s", "find": return argument.map(BoardCommand.search) ?? .unknown(trimmed)
        case "theme": return argument.map(BoardCommand.theme) ?? .unknown(trimmed)
        case "privacy", "p": return .privacy
        case "home": return .home
        case "help", "h": return .help
        case "drafts", "draft": return .drafts
        case "quit", "q", "q!", "exit", "wq": return .quit
        default: return .unknown(trimmed)
        }
    }
}
