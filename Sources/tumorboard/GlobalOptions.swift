import ArgumentParser
import BoardStore
import Foundation

/// Options every command shares: which store, and who is working.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The store file, or a PostgreSQL database (postgresql://[user@]host[:port]/dbname[?sslmode=…]).",
            valueName: "path"))
    var store: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Who is making changes (recorded in the audit trail). Default: the login name.", valueName: "name"))
    var user: String?

    /// Said once when a command's write waits for another terminal's lock (either backend), rather than hang silently.
    @Sendable static func sayWaiting() {
        FileHandle.standardError.write(Data("tumorboard: waiting for the store (another user is saving)…\n".utf8))
    }

    var storePath: String { StoreLocation.resolve(explicit: store, environment: ProcessInfo.processInfo.environment) }

    var userName: String { Self.userName(explicit: user) }

    /// The --user value, else the login name.
    static func userName(explicit: String?) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        let env = ProcessInfo.processInfo.environment
        if let name = env["USER"] ?? env["LOGNAME"], !name.isEmpty { return name }
        return ProcessInfo.processInfo.userName
    }

    /// Opens the store and records its audit chain head in this terminal's witness log (again when the command ends).
    /// (`verify` opens without witnessing: a head it may find bad is not one to vouch for.)
    func openStore(readOnly: Bool = false, witness: Bool = true) throws -> BoardStore {
        if case .postgres = StoreAddress(storePath) {
            throw CommandFailure(
                message: "this command does not work on a PostgreSQL store yet (docs/postgresql.md says which do)")
        }
        // A command that waits for another writer's lock says so once, rather than hang silently.
        let store = try BoardStore.open(path: storePath, user: userName, readOnly: readOnly, onBusy: Self.sayWaiting)
        if witness { Witness.shared.saw(store) }
        return store
    }
}

extension GlobalOptions {
    /// Opens the store for a command that needs only some areas of the store API (`(any NoteStore).self`…): the
    /// SQLite file as `openStore` does, or the PostgreSQL database a `postgresql://` address names. On PostgreSQL the
    /// user is the database role the server authenticated, so `--user` is not used.
    func openStore<Area>(as area: Area.Type, readOnly: Bool = false, witness: Bool = true) throws -> Area {
        guard case .postgres(let conninfo) = StoreAddress(storePath) else {
            guard let store = try openStore(readOnly: readOnly, witness: witness) as? Area else {
                throw CommandFailure(message: "the SQLite store lacks \(area)")
            }
            return store
        }
        let store = try PostgresBoardStore.open(conninfo: conninfo, readOnly: readOnly)
        store.onBusy(Self.sayWaiting)
        if let user, user != store.user {
            FileHandle.standardError.write(
                Data("tumorboard: on PostgreSQL you work as the database role \(store.user); --user is not used\n".utf8)
            )
        }
        guard let areas = store as? Area else {
            throw CommandFailure(
                message: "this command does not work on a PostgreSQL store yet (docs/postgresql.md says which do)")
        }
        return areas
    }
}

/// Where the store lives when no --store is given.
enum StoreLocation {
    static func resolve(explicit: String?, environment: [String: String]) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let env = environment["TUMORBOARD_STORE"], !env.isEmpty { return env }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty { return xdg + "/tumorboard/board.sqlite" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/share/tumorboard/board.sqlite"
    }
}

/// The listing commands' choice to show pseudonyms (`cases`, `meeting show`, `meeting suggest`).
struct PseudonymOption: ParsableArguments {
    @Flag(help: "Show pseudonyms instead of names.") var deidentify = false
}

/// The meeting a command works on: the first argument of `meeting show`, `edit`, `add-case` and the other
/// meeting commands, and of `export minutes`.
struct MeetingIdArgument: ParsableArguments {
    @Argument(help: ArgumentHelp("The meeting id.", valueName: "meeting")) var id: String
}
