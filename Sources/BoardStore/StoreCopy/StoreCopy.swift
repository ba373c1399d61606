import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#endif

/// `tumorboard store copy FROM TO`: the whole store, SQLite to PostgreSQL and back (or to a new SQLite file), in one
/// transaction on the target: every content table of the catalogue (StoreTable) with the audit trail's events as they
/// are (their authors, times, hashes and key epochs, and the store's identity, so the same audit key verifies them),
/// the search documents, and what triggers derive rebuilt as the rows arrive. The target must be empty. Before the
/// transaction commits, both stores' row counts and content digests (StoreDigest) must be equal; after it, the
/// target's audit chain must verify. A PostgreSQL backup is such a copy into a new SQLite file (BackupStore).
public enum StoreCopy {
    /// What a finished copy checked.
    public struct Report: Sendable {
        /// Where from and where to, without passwords.
        public var source: String
        public var target: String
        /// Equal on both sides: rows per table and the content digest.
        public var digest: StoreDigest
        /// The target's `verify`, run after the copy.
        public var verification: VerificationReport
    }

    /// Where rows come from: a store already open (a backup copies the store it has) or opened read-only here.
    enum Source {
        case sqlite(BoardStore)
        case postgres(PostgresBoardStore)

        var shownAs: String {
            switch self {
            case .sqlite(let store): store.path
            case .postgres(let store): store.path
            }
        }

        func verify() throws -> VerificationReport {
            switch self {
            case .sqlite(let store): try store.verify()
            case .postgres(let store): try store.verify()
            }
        }
    }

    /// Copies the store at `source` (a file or `postgresql://…`) to `target`: a new SQLite file, or an empty
    /// PostgreSQL database (connected as its owner role). Progress is told per table (name, rows so far).
    public static func copy(
        from source: String, to target: String, user: String, keyring: AuditKeyring = .standard,
        progress: ((String, Int) -> Void)? = nil
    ) throws -> Report {
        try copy(
            from: try open(source, user: user, keyring: keyring), to: StoreAddress(target), user: user,
            keyring: keyring, progress: progress)
    }

    /// The content digest of the store at `address` (read-only, one snapshot).
    public static func digest(of address: String, user: String, keyring: AuditKeyring = .standard) throws
        -> StoreDigest
    {
        try reading(try open(address, user: user, keyring: keyring)) { try StoreDigest.of($0) }
    }

    static func open(_ address: String, user: String, keyring: AuditKeyring) throws -> Source {
        switch StoreAddress(address) {
        case .file(let path):
            guard FileManager.default.fileExists(atPath: path) else {
                throw StoreError.other("there is no store at \(path)")
            }
            return .sqlite(try BoardStore.open(path: path, user: user, readOnly: true, keyring: keyring))
        case .postgres(let conninfo):
            return .postgres(try PostgresBoardStore.open(conninfo: conninfo, readOnly: true, keyring: keyring))
        }
    }

    static func copy(
        from source: Source, to target: StoreAddress, user: String, keyring: AuditKeyring,
        progress: ((String, Int) -> Void)?
    ) throws -> Report {
        // A copy carries the chain along: one that does not verify would be copied and then vouched for.
        let before = try source.verify()
        guard before.isOK else {
            throw StoreError.invalid(
                "the store \(source.shownAs) does not verify (\(before.problems.joined(separator: "; "))); nothing was "
                    + "copied. Run `tumorboard verify` on it (a missing audit key: `tumorboard key restore`)")
        }
        switch target {
        case .file(let path):
            return try copyToNewFile(source, path: path, user: user, keyring: keyring, progress: progress)
        case .postgres(let conninfo):
            return try copyToPostgres(source, conninfo: conninfo, keyring: keyring, progress: progress)
        }
    }

    /// Runs `body` on one consistent snapshot of the source.
    static func reading<T>(_ source: Source, _ body: (any StoreSide) throws -> T) throws -> T {
        switch source {
        case .sqlite(let store):
            return try store.run { try store.db.read { db in try body(SQLiteSide(db: db)) } }
        case .postgres(let store):
            return try store.run {
                try store.connection.transaction {
                    try store.connection.execute(script: "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                    return try body(PostgresSide(connection: store.connection))
                }
            }
        }
    }

    /// A new SQLite file: written under a temporary name, checked, then linked into place (never over a file).
    private static func copyToNewFile(
        _ source: Source, path: String, user: String, keyring: AuditKeyring, progress: ((String, Int) -> Void)?
    ) throws -> Report {
        if FileManager.default.fileExists(atPath: path) {
            throw StoreError.invalid("\(path) already exists; store copy writes a new file and never overwrites one")
        }
        let temporary = path + ".copying-\(getpid())"
        try BoardStore.createPrivateFile(temporary)
        do {
            let digest: StoreDigest
            do {
                var config = Configuration()
                config.foreignKeysEnabled = true
                let queue = try DatabaseQueue(path: temporary, configuration: config)
                try queue.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA page_size = 16384")
                    _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                }
                try Schema.migrator.migrate(queue)
                digest = try reading(source) { from in
                    try queue.write { db in
                        // Parents and children arrive table by table; the keys are checked at commit.
                        try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
                        let side = SQLiteSide(db: db)
                        try requireEmpty(side, shownAs: path)
                        // The new file's own random identity gives way to the source's (its key files name it).
                        let guardTrigger = try String.fetchOne(
                            db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                            arguments: ["store_identity_no_delete"])
                        try db.execute(
                            sql: "DROP TRIGGER IF EXISTS store_identity_no_delete; DELETE FROM store_identity")
                        let digest = try transfer(from: from, to: side, progress: progress)
                        // Derived from each finding's body, as the migration that added it does.
                        try FindingList.backfillFiltered(db)
                        try CaseFactsIndex.backfillFlags(db)
                        // Partner precedents' index rows, built from their bodies as their import builds them.
                        try BoardStore.indexExternals(db)
                        if let guardTrigger { try db.execute(sql: guardTrigger) }
                        return digest
                    }
                }
                try queue.close()
            } catch let error as DatabaseError {
                throw StoreError.map(error, path: path)
            }
            let verification = try BoardStore.open(path: temporary, user: user, readOnly: true, keyring: keyring)
                .verify()
            guard verification.isOK else {
                throw StoreError.corrupt(
                    path: path, detail: "the copy does not verify: \(verification.problems.joined(separator: "; "))")
            }
            guard link(temporary, path) == 0 else {
                throw StoreError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
            }
            for suffix in ["", "-wal", "-shm"] { unlink(temporary + suffix) }
            return Report(source: source.shownAs, target: path, digest: digest, verification: verification)
        } catch {
            for suffix in ["", "-wal", "-shm"] { unlink(temporary + suffix) }
            throw error
        }
    }

    /// An empty PostgreSQL database, as its owner role: the schema is created if needed; the append-only triggers of
    /// the audit tables are lifted for this transaction only (the events keep their authors' names and hashes) and
    /// restored before it commits. Nothing is left half-copied: any failure rolls the whole copy back.
    private static func copyToPostgres(
        _ source: Source, conninfo: String, keyring: AuditKeyring, progress: ((String, Int) -> Void)?
    ) throws -> Report {
        let store = try PostgresBoardStore.open(conninfo: conninfo, keyring: keyring, keyed: false)
        let connection = store.connection
        let guarded = ["store_identity", "audit_key", "audit_event"]
        let digest = try store.run {
            try reading(source) { from in
                try connection.transaction {
                    do {
                        for table in guarded {
                            try connection.execute(script: "ALTER TABLE \(table) DISABLE TRIGGER USER")
                        }
                    } catch let error as PostgresError where error.sqlState == "42501" {
                        throw StoreError.other(
                            "store copy into \(store.path) must connect as the database's owner role (it writes the audit "
                                + "trail's events in their authors' names, which only the owner may): \(error.message)")
                    }
                    let side = PostgresSide(connection: connection)
                    try requireEmpty(side, shownAs: store.path)
                    try connection.execute(script: "DELETE FROM store_identity")
                    let digest = try transfer(from: from, to: side, progress: progress)
                    // Derived from each finding's body, as schema 4 does (the counts follow by trigger).
                    try PostgresFindingList.backfillFiltered(connection)
                    // Partner precedents' look-up columns and alterations, from their bodies as their import does.
                    try PostgresBoardStore.indexExternals(connection)
                    for table in guarded { try connection.execute(script: "ALTER TABLE \(table) ENABLE TRIGGER USER") }
                    return digest
                }
            }
        }
        let verification = try PostgresBoardStore.open(conninfo: conninfo, readOnly: true, keyring: keyring).verify()
        guard verification.isOK else {
            throw StoreError.corrupt(
                path: store.path,
                detail: "the copy was written but does not verify: \(verification.problems.joined(separator: "; "))")
        }
        return Report(source: source.shownAs, target: store.path, digest: digest, verification: verification)
    }

    /// Refuses a target that holds anything but a new store's identity.
    static func requireEmpty(_ side: some StoreSide, shownAs: String) throws {
        for table in StoreTable.all where table.name != "store_identity" {
            guard try side.columns(of: table) != nil else { continue }
            let rows = try side.count(table)
            if rows > 0 {
                throw StoreError.invalid(
                    "\(shownAs) is not empty (\(rows) rows in \(table.name)); store copy writes only into an empty "
                        + "database or a new file, so nothing is merged or overwritten")
            }
        }
    }

    /// Copies every catalogue table the source has, then compares both digests (inside the target's transaction).
    static func transfer(
        from source: some StoreSide, to target: some StoreTargetSide, progress: ((String, Int) -> Void)?
    ) throws -> StoreDigest {
        for table in StoreTable.all {
            guard let present = try source.columns(of: table) else { continue }
            let rows = try source.count(table)
            guard rows > 0 else { continue }
            let columns = try shared(table, present: present, rows: rows, source: source, target: target)
            var batch: [[StoreCell]] = []
            var done = 0
            try source.rows(table, columns: columns, byKey: false) { cells in
                batch.append(cells)
                if batch.count == PostgresSide.batch {
                    try target.insert(table, columns: columns, rows: batch)
                    done += batch.count
                    batch.removeAll(keepingCapacity: true)
                    progress?(table.name, done)
                }
            }
            if !batch.isEmpty { try target.insert(table, columns: columns, rows: batch) }
            progress?(table.name, done + batch.count)
        }
        let expected = try StoreDigest.of(source)
        let copied = try StoreDigest.of(target)
        guard copied == expected else {
            let differing = zip(expected.counts, copied.counts).filter { $0.rows != $1.rows }
                .map { "\($0.table): \($0.rows) rows, copied \($1.rows)" }
            throw StoreError.corrupt(
                path: "the copy",
                detail: "its content differs from the source's (digest \(copied.hex.prefix(16))… against "
                    + "\(expected.hex.prefix(16))…"
                    + (differing.isEmpty ? "" : "; " + differing.joined(separator: ", "))
                    + "); nothing was copied")
        }
        return copied
    }

    /// The columns to copy: those the source has; one the target lacks is refused if the source holds a value in it.
    private static func shared(
        _ table: StoreTable, present: Set<String>, rows: Int, source: some StoreSide, target: some StoreSide
    ) throws -> [StoreTable.Column] {
        guard let there = try target.columns(of: table) else {
            throw StoreError.invalid(
                "the target store has no table \(table.name) (that backend does not hold it yet), so the source's "
                    + "\(rows) rows in it cannot be copied: nothing was copied")
        }
        var columns: [StoreTable.Column] = []
        for column in table.columns where present.contains(column.name) {
            if there.contains(column.name) {
                columns.append(column)
            } else if try source.valued(table, column: column.name) > 0 {
                throw StoreError.invalid(
                    "the target store has no column \(table.name).\(column.name), which holds values in the source: "
                        + "nothing was copied")
            }
        }
        return columns
    }
}
