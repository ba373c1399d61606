import ArgumentParser
import BoardFormats
import BoardStore
import Foundation

/// `tumorboard board show|login|delegate`: a board's sign-off settings — which operating-system login is which
/// person, and whom a chair allows to sign in their place.
struct BoardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "board", abstract: "A board's sign-off settings: logins of its members, delegates of chairs.",
        subcommands: [Show.self, Login.self, Delegate.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show who signs in as whom, and the delegates chairs named.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The board id.", valueName: "board")) var boardId: String

        func run() throws {
            let store = try global.openStore(as: (any StoreSession & MeetingStore & SignoffStore).self, readOnly: true)
            guard let board = try store.board(id: boardId) else {
                throw StoreError.notFound(kind: "board", id: boardId)
            }
            let settings = try store.signoffSettings(boardId: boardId)
            print("\(board.name) (\(board.id))")
            print("You: login \(store.login)" + (settings.logins[store.login].map { " = \($0)" } ?? " (not mapped)"))
            print(settings.logins.isEmpty ? "Logins: none mapped" : "Logins:")
            for (login, person) in settings.logins.sorted(by: { $0.key < $1.key }) { print("  \(login) = \(person)") }
            print(settings.delegates.isEmpty ? "Delegates: none" : "Delegates:")
            for d in settings.delegates {
                print(
                    "  \(d.delegate) signs for \(d.chair) (named by \(d.namedBy), \(InstantFormat.format(d.namedAt)))")
            }
        }
    }

    struct Login: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "login", abstract: "Map an operating-system login to a person of the board.",
            discussion: """
                The first mapping on a board may be made by anyone (audited); after that only a mapped login \
                changes them, and a login is added to a person who already has one only by that person's own login.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The board id.", valueName: "board")) var boardId: String
        @Argument(help: ArgumentHelp("The login, as `id -un` prints it.", valueName: "login")) var login: String
        @Argument(help: ArgumentHelp("The person's name, as on the meeting rosters.", valueName: "person"))
        var person: String?
        @Flag(help: "Remove the login's mapping instead.") var remove = false

        func validate() throws {
            if remove == (person != nil) { throw ValidationError("give a person, or --remove") }
        }

        func run() throws {
            let store = try global.openStore(as: (any SignoffStore).self)
            try store.setBoardLogin(boardId: boardId, login: login, person: remove ? nil : person, now: Date())
            print(remove ? "\(login) removed from \(boardId)." : "\(login) = \(person ?? "") on \(boardId).")
        }
    }

    struct Delegate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "delegate", abstract: "As a chair (by your own login), name someone to sign in your place.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The board id.", valueName: "board")) var boardId: String
        @Argument(help: ArgumentHelp("The delegate's name.", valueName: "person")) var person: String
        @Flag(help: "Withdraw the delegation instead.") var remove = false

        func run() throws {
            let store = try global.openStore(as: (any StoreSession & SignoffStore).self)
            try store.setDelegate(boardId: boardId, delegate: person, remove: remove, now: Date())
            let chair = try store.signoffSettings(boardId: boardId).logins[store.login] ?? store.login
            print(remove ? "\(person) no longer signs for \(chair)." : "\(person) may sign for \(chair).")
        }
    }
}
