import BoardModel
import Foundation

/// The board's store in a PostgreSQL database, for a board whose members sit at several sites (docs/postgresql.md).
/// It speaks the same store API as the SQLite `BoardStore`, area by area (the StoreAPI protocols it conforms to).
/// Who writes and who signs is the role the server authenticated (`session_user`), never a name the client gives.
/// The audit key stays outside the database, in this terminal's keyring, as on SQLite.
public final class PostgresBoardStore: Sendable {
    let connection: PGConnection
    /// The authenticated database role: recorded in every audit event, and the one who signs.
    public let user: String
    /// The same role: on PostgreSQL the database's own authentication says who signs.
    public var login: String { user }
    /// The address without its password.
    public let path: String
    public let isReadOnly: Bool

    private init(connection: PGConnection, user: String, readOnly: Bool) {
        self.connection = connection
        self.user = user
        self.path = connection.shownAs
        self.isReadOnly = readOnly
        connection.beforeCommit = { [weak self] in try self?.flushAudit() }
    }

    /// Connects to the database at `conninfo` (a libpq URI or connection string), brings its schema up to date
    /// (only the owner role may: the application role gets a message saying so) and keys its audit chain (unless
    /// `keyed` is false: `store copy` brings the source's identity and key epochs instead).
    public static func open(
        conninfo: String, readOnly: Bool = false, keyring: AuditKeyring = .standard, keyed: Bool = true
    ) throws -> PostgresBoardStore {
        let shown = StoreAddress.redact(conninfo)
        let connection: PGConnection
        do {
            connection = try PGConnection(conninfo: conninfo, shownAs: shown)
        } catch let error as PostgresError {
            throw StoreError.other(error.message)
        }
        return try mapped(shown) {
            // A write waits for another terminal at most as long as on SQLite, then says the store is busy.
            try connection.execute(script: "SET lock_timeout = '10s'")
            if readOnly { try connection.execute(script: "SET default_transaction_read_only = on") }
            let store = PostgresBoardStore(
                connection: connection, user: try connection.sessionUser(), readOnly: readOnly)
            try store.migrate()
            if keyed { try store.prepareAuditKey(keyring: keyring) }
            try connection.execute(script: "LISTEN tumorboard_changes")
            return store
        }
    }

    /// The schema version recorded in the database (0 for an empty database).
    public func schemaVersion() throws -> Int {
        try appliedVersions().max() ?? 0
    }

    /// Whether a database that recorded `applied` has a migration this binary does not know: a number above its
    /// own, or one reserved ahead that a newer binary applied (the set, not the highest number, decides).
    static func isNewer(applied: Set<Int>, known: Set<Int> = Set(PostgresSchema.migrations.map(\.version))) -> Bool {
        !applied.isSubset(of: known)
    }

    /// The migrations recorded in the database (none for an empty database).
    private func appliedVersions() throws -> Set<Int> {
        try run {
            guard try connection.query("SELECT to_regclass('tumorboard_schema') IS NOT NULL").first?[0] == "t" else {
                return []
            }
            return Set(
                try connection.query("SELECT version FROM tumorboard_schema").compactMap { $0[0].flatMap { Int($0) } })
        }
    }

    /// Applies the migrations the database has not had yet, each in its own transaction, one terminal at a time.
    /// Each one not recorded is applied, not only those above the highest recorded: numbers are reserved ahead for
    /// work landing in parallel, so a later number may be recorded before an earlier one ships.
    private func migrate() throws {
        let applied = try appliedVersions()
        // A migration this binary does not know (a number above its own, or one reserved ahead that a newer binary
        // has applied) means a newer schema: its writes would leave that migration's columns unset (review 7 #7).
        if Self.isNewer(applied: applied) { throw StoreError.newerSchema(path: path) }
        if PostgresSchema.migrations.allSatisfy({ applied.contains($0.version) }) { return }
        let current = applied.max() ?? 0
        if isReadOnly {
            throw StoreError.other(
                current == 0
                    ? "there is no tumorboard store in the database \(path) yet; its owner role creates one by opening it"
                    : "the database \(path) has schema version \(current), this tumorboard needs \(PostgresSchema.latest): "
                        + "its owner role upgrades it by opening it")
        }
        try run {
            // Two terminals opening a new database at once: the second waits, then finds the work done.
            try connection.query("SELECT pg_advisory_lock(hashtext('tumorboard.migrate'))")
            defer { _ = try? connection.query("SELECT pg_advisory_unlock(hashtext('tumorboard.migrate'))") }
            let applied = try appliedVersions()
            for migration in PostgresSchema.migrations where !applied.contains(migration.version) {
                do {
                    try connection.transaction {
                        if migration.version == 1 {
                            try connection.execute(
                                script: """
                                    CREATE TABLE tumorboard_schema(
                                        version integer PRIMARY KEY, name text NOT NULL,
                                        applied_at timestamptz NOT NULL DEFAULT now(),
                                        applied_by text NOT NULL DEFAULT session_user)
                                    """)
                        }
                        try connection.execute(script: migration.sql)
                        try migration.then?(connection)
                        try connection.query(
                            "INSERT INTO tumorboard_schema(version, name) VALUES ($1, $2)",
                            [String(migration.version), migration.name])
                    }
                } catch let error as PostgresError where error.sqlState == "42501" {
                    throw StoreError.other(
                        "the database \(path) needs schema version \(migration.version) (\(migration.name)), which only "
                            + "the database's owner role may apply; open it once as that role (\(user) may not: "
                            + "\(error.message))")
                }
            }
        }
    }

    /// Runs a store operation, mapping PostgreSQL errors to `StoreError` (domain errors pass through).
    func run<T>(_ body: () throws -> T) throws -> T {
        try Self.mapped(path, body)
    }

    static func mapped<T>(_ shown: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PostgresError {
            throw StoreError.map(postgres: error, path: shown)
        }
    }
}

extension StoreError {
    /// A PostgreSQL error as a message a user understands, by its SQLSTATE class.
    static func map(postgres error: PostgresError, path: String) -> StoreError {
        switch error.sqlState ?? "" {
        case "25006": return .readOnly(path: path)
        case "40001", "40P01", "55P03": return .locked(path: path)
        case "53100": return .diskFull(path: path)
        case "42501": return .other("the database \(path) refused: \(error.message)")
        case "23505": return .invalid("already in the store (\(error.message))")
        default: return .other("store error on \(path): \(error.message)")
        }
    }
}
