import CLibPQ
import Foundation

/// One libpq connection, used synchronously (the app's loop is synchronous; docs/postgresql.md says why libpq).
/// Every statement is sent with `PQexecParams`: values travel as parameters in text form, never inside the SQL.
/// libpq itself reads `~/.pgpass`, the `PG*` environment and `sslmode`, as for every PostgreSQL client.
/// Calls are serialised by a lock, so the store can be shared between the main loop and background work.
final class PGConnection: @unchecked Sendable {
    private let conn: OpaquePointer
    private let lock = NSRecursiveLock()
    /// The connection string without its password, for messages.
    let shownAs: String

    /// Connects with a libpq connection string or URI; a failure says where, never with the password.
    init(conninfo: String, shownAs: String) throws {
        self.shownAs = shownAs
        guard let conn = PQconnectdb(conninfo) else {
            throw PostgresError(message: "cannot connect to \(shownAs): out of memory", sqlState: nil)
        }
        if PQstatus(conn) != CONNECTION_OK {
            let detail = Self.text(PQerrorMessage(conn))
            PQfinish(conn)
            throw PostgresError(
                message: "cannot connect to \(shownAs): \(StoreAddress.redact(detail))", sqlState: nil)
        }
        self.conn = conn
        // Times and text as the store writes them, whatever the server's defaults.
        _ = PQsetClientEncoding(conn, "UTF8")
    }

    deinit { PQfinish(conn) }

    /// Runs one statement with text parameters (nil is SQL NULL) and returns its rows as text.
    @discardableResult
    func query(_ sql: String, _ parameters: [String?] = []) throws -> PGRows {
        // A statement of its own (not inside `transaction`) that waited too long is retried like a transaction.
        try lock.withLock {
            transactions > 0 ? try statement(sql, parameters) : try withWaitReported { try statement(sql, parameters) }
        }
    }

    private func statement(_ sql: String, _ parameters: [String?]) throws -> PGRows {
        try lock.withLock {
            try endCopy()
            let result = withParameters(parameters) { values in
                PQexecParams(conn, sql, Int32(parameters.count), nil, values, nil, nil, 0)
            }
            defer { PQclear(result) }
            try check(result)
            return PGRows(result)
        }
    }

    /// Runs several statements without parameters (migrations).
    func execute(script sql: String) throws {
        try lock.withLock {
            try endCopy()
            let result = PQexec(conn, sql)
            defer { PQclear(result) }
            try check(result)
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws. When a wait for another
    /// session's lock is reported (`reportWaits`), a lock not granted within the short first wait rolls the attempt
    /// back, tells the handler, and runs `body` once more with the store's full wait.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try lock.withLock { try withWaitReported { try attempt(begin: "BEGIN", body) } }
    }

    /// Runs `body` in one read-only transaction that sees one snapshot throughout (REPEATABLE READ), begun in the
    /// same round trip as the transaction: a screen's reads of one case or one meeting agree with each other.
    func snapshot<T>(_ body: () throws -> T) throws -> T {
        try lock.withLock {
            try withWaitReported { try attempt(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", body) }
        }
    }

    /// Runs `work`; if it failed for a lock not granted within the short first wait, tells the handler and runs it
    /// once more with the full wait.
    private func withWaitReported<T>(_ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch let error as PostgresError where error.sqlState == "55P03" && waitReporter.isSet {
            waitReporter.report()
            try execute(script: "SET lock_timeout = '\(Self.fullWait)'")
            defer { _ = try? execute(script: "SET lock_timeout = '\(Self.firstWait)'") }
            return try work()
        }
    }

    /// Open transactions on this connection (statements inside one are retried with the whole transaction).
    private var transactions = 0

    /// What a transaction learnt that stays true until it ends (the audit trail's tail once its lock is held), so
    /// that each further statement does not ask the server again; forgotten when a transaction begins or ends.
    var transactionMemo: [String: any Sendable] {
        get { lock.withLock { transactions > 0 ? memo : [:] } }
        set { lock.withLock { if transactions > 0 { memo = newValue } } }
    }
    private var memo: [String: any Sendable] = [:]

    /// Whether a transaction is open on this connection.
    var inTransaction: Bool { lock.withLock { transactions > 0 } }

    /// Work sent just before each transaction commits (the store's buffered audit events), inside the transaction,
    /// so it commits or rolls back with it. Set once when the store opens.
    var beforeCommit: (() throws -> Void)? {
        get { lock.withLock { commitHook } }
        set { lock.withLock { commitHook = newValue } }
    }
    private var commitHook: (() throws -> Void)?

    private func attempt<T>(begin: String, _ body: () throws -> T) throws -> T {
        try execute(script: begin)
        transactions += 1
        memo = [:]
        defer {
            transactions -= 1
            memo = [:]
        }
        do {
            let value = try body()
            try endCopy()
            try commitHook?()
            try execute(script: "COMMIT")
            return value
        } catch {
            if openCopy != nil {
                openCopy = nil
                try? finishCopy(failure: "the transaction is rolled back")
            }
            _ = PQexec(conn, "ROLLBACK").map { PQclear($0) }
            throw error
        }
    }

    /// How long a statement waits for another session's lock before the store says it is busy, as on SQLite.
    static let fullWait = "10s"
    /// The first, short wait when waits are reported: long enough that an ordinary save next door is not reported.
    static let firstWait = "250ms"

    private let waitReporter = WaitReporter()

    /// Tells `handler` (on the waiting thread) when a transaction has to wait for another session's lock; nil stops.
    func reportWaits(_ handler: (@Sendable () -> Void)?) throws {
        waitReporter.set(handler)
        try execute(script: "SET lock_timeout = '\(handler == nil ? Self.fullWait : Self.firstWait)'")
    }

    /// Bulk load through the COPY protocol (`COPY table(columns) FROM STDIN`), rows in COPY's text format, sent in
    /// chunks of 256 KB. Much faster than one INSERT per row for a lab file's findings.
    func copy(_ sql: String, rows: [[String?]]) throws {
        try lock.withLock {
            try endCopy()
            try startCopy(sql)
            try finishCopy(failure: send(rows))
        }
    }

    /// Sends rows into a COPY left open across calls, so an import's rows stream to the server while the next ones
    /// are parsed and prepared: the server inserts them as they come, where the client used to wait for the end of a
    /// COPY every few thousand rows. The COPY ends, and its outcome is checked, when anything else is sent on this
    /// connection (a query, another COPY, the commit) or at `endCopy`; a rollback abandons it.
    func stream(copy sql: String, rows: [[String?]]) throws {
        try lock.withLock {
            if openCopy != sql {
                try endCopy()
                try startCopy(sql)
                openCopy = sql
            }
            if let failure = send(rows) {
                openCopy = nil
                try finishCopy(failure: failure)
            }
        }
    }

    /// Ends the COPY `stream` left open, if any, and throws what the server said of it.
    func endCopy() throws {
        try lock.withLock {
            guard openCopy != nil else { return }
            openCopy = nil
            try finishCopy(failure: nil)
        }
    }

    /// The COPY statement `stream` left open.
    private var openCopy: String?

    private func startCopy(_ sql: String) throws {
        let start = PQexec(conn, sql)
        let status = PQresultStatus(start)
        if status != PGRES_COPY_IN {
            defer { PQclear(start) }
            try check(start)
            throw PostgresError(message: "the server did not start a COPY", sqlState: nil)
        }
        PQclear(start)
    }

    /// Sends rows of the open COPY; returns libpq's message if the connection failed.
    private func send(_ rows: [[String?]]) -> String? {
        var buffer = PGCopyText(capacity: Self.copyChunk + (1 << 14))
        for row in rows {
            buffer.append(row: row)
            if buffer.count >= Self.copyChunk {
                if !send(buffer) { return Self.text(PQerrorMessage(conn)) }
                buffer.removeAll()
            }
        }
        if !buffer.isEmpty, !send(buffer) { return Self.text(PQerrorMessage(conn)) }
        return nil
    }

    /// Ends the COPY (`failure`: abandoned with that message) and throws the first error the server reported.
    private func finishCopy(failure: String?) throws {
        _ = PQputCopyEnd(conn, failure)
        var firstError: Error?
        while let result = PQgetResult(conn) {
            do { try check(result) } catch { firstError = firstError ?? error }
            PQclear(result)
        }
        if let firstError { throw firstError }
        if let failure { throw PostgresError(message: StoreAddress.redact(failure), sqlState: nil) }
    }

    /// Bytes handed to libpq at a time during a COPY.
    private static let copyChunk = 1 << 18

    private func send(_ chunk: PGCopyText) -> Bool {
        chunk.bytes.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { PQputCopyData(conn, $0.baseAddress, Int32($0.count)) == 1 }
        }
    }

    /// Runs independent read statements in one round trip inside one read-only snapshot (REPEATABLE READ), and
    /// returns each one's rows in order. libpq's pipeline mode sends BEGIN, every statement with its text parameters,
    /// and COMMIT together, then one sync: the reads cost one wait for the server instead of one each (moving along
    /// an agenda loads a case at every step). Inside an open transaction the statements run in it, without their
    /// own BEGIN and COMMIT. If one fails, the server skips the rest, the transaction is rolled back, and the first
    /// error is thrown.
    func snapshotReads(_ statements: [PGStatement]) throws -> [PGRows] {
        try lock.withLock {
            try endCopy()
            let own = transactions == 0
            let all =
                own
                ? [PGStatement("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")] + statements + [
                    PGStatement("COMMIT")
                ]
                : statements
            var rows = try pipeline(all)
            if own {
                rows.removeFirst()
                rows.removeLast()
            }
            return rows
        }
    }

    /// Sends `statements` in pipeline mode with one sync after the last and reads each one's result.
    private func pipeline(_ statements: [PGStatement]) throws -> [PGRows] {
        guard PQenterPipelineMode(conn) == 1 else { throw failure() }
        var rows: [PGRows] = []
        var firstError: Error?
        do {
            for statement in statements {
                let sent = withParameters(statement.parameters) { values in
                    PQsendQueryParams(conn, statement.sql, Int32(values.count), nil, values, nil, nil, 0)
                }
                guard sent == 1 else { throw failure() }
            }
            guard PQpipelineSync(conn) == 1 else { throw failure() }
        } catch {
            // Not all was sent (the connection failed): nothing can be read back in order.
            _ = PQexitPipelineMode(conn)
            throw error
        }
        // Each statement's results end with a null; an aborted statement gives PGRES_PIPELINE_ABORTED and a null;
        // after the last comes the sync's own result, not followed by a null.
        for _ in statements {
            while let result = PQgetResult(conn) {
                defer { PQclear(result) }
                let status = PQresultStatus(result)
                if status == PGRES_PIPELINE_ABORTED { continue }
                do {
                    try check(result)
                    rows.append(PGRows(result))
                } catch {
                    firstError = firstError ?? error
                }
            }
        }
        while let result = PQgetResult(conn) {
            let status = PQresultStatus(result)
            PQclear(result)
            if status == PGRES_PIPELINE_SYNC { break }
        }
        _ = PQexitPipelineMode(conn)
        if PQtransactionStatus(conn) == PQTRANS_INERROR && transactions == 0 {
            // A failed read left the pipeline's own transaction open and aborted.
            _ = PQexec(conn, "ROLLBACK").map { PQclear($0) }
        }
        if let firstError { throw firstError }
        guard rows.count == statements.count else { throw failure() }
        return rows
    }

    /// The connection's last error, for a libpq call that failed without a result.
    private func failure() -> PostgresError {
        PostgresError(message: StoreAddress.redact(Self.text(PQerrorMessage(conn))), sqlState: nil)
    }

    /// Notifications received on the channels this connection listens to, from other connections only.
    private var notificationsSeen = 0

    /// Reads what the server has sent without waiting, and returns how many notifications from other sessions
    /// arrived so far (NOTIFY is delivered when the notifying transaction commits).
    func notificationCount() -> Int {
        lock.withLock {
            _ = PQconsumeInput(conn)
            let me = PQbackendPID(conn)
            while let notice = PQnotifies(conn) {
                if notice.pointee.be_pid != me { notificationsSeen += 1 }
                PQfreemem(notice)
            }
            return notificationsSeen
        }
    }

    /// The role the server authenticated this connection as (`session_user`): who writes and who signs.
    func sessionUser() throws -> String {
        guard let name = try query("SELECT session_user::text").first?[0] else {
            throw PostgresError(message: "the server did not say who is connected", sqlState: nil)
        }
        return name
    }

    private func check(_ result: OpaquePointer?) throws {
        guard let result else {
            throw PostgresError(message: StoreAddress.redact(Self.text(PQerrorMessage(conn))), sqlState: nil)
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_COPY_IN, PGRES_EMPTY_QUERY: return
        default:
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
            let primary = PQresultErrorField(result, Int32(UInt8(ascii: "M"))).map { String(cString: $0) }
            throw PostgresError(
                message: StoreAddress.redact(primary ?? Self.text(PQerrorMessage(conn))), sqlState: state)
        }
    }

    private func withParameters<T>(_ parameters: [String?], _ body: ([UnsafePointer<CChar>?]) -> T) -> T {
        let copies: [UnsafeMutablePointer<CChar>?] = parameters.map { $0.map { strdup($0) } }
        defer { for copy in copies { free(copy) } }
        return body(copies.map { $0.map { UnsafePointer($0) } })
    }

    static func text(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }
}

/// The handler told of lock waits (PGConnection.reportWaits).
private final class WaitReporter: @unchecked Sendable {
    private let lock = NSLock()
    private var handler: (@Sendable () -> Void)?
    func set(_ handler: (@Sendable () -> Void)?) { lock.withLock { self.handler = handler } }
    var isSet: Bool { lock.withLock { handler != nil } }
    func report() { lock.withLock { handler }?() }
}

/// The rows of a result, as text (`nil` for NULL), copied out so the libpq result can be freed at once.
struct PGRows: Sequence {
    let columns: [String]
    let rows: [[String?]]
    private let index: [String: Int]

    init(_ result: OpaquePointer?) {
        let count = Int(PQntuples(result))
        let width = Int(PQnfields(result))
        columns = (0..<width).map { String(cString: PQfname(result, Int32($0))) }
        index = Dictionary(columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        rows = (0..<count).map { r in
            (0..<width).map { c in
                PQgetisnull(result, Int32(r), Int32(c)) == 1
                    ? nil : String(cString: PQgetvalue(result, Int32(r), Int32(c)))
            }
        }
    }

    var first: PGRow? { rows.first.map { PGRow(values: $0, index: index) } }
    var count: Int { rows.count }
    func makeIterator() -> AnyIterator<PGRow> {
        var inner = rows.makeIterator()
        let index = index
        return AnyIterator { inner.next().map { PGRow(values: $0, index: index) } }
    }
}

/// One row of a result: values by position or by column name, as text.
struct PGRow {
    let values: [String?]
    let index: [String: Int]

    subscript(_ position: Int) -> String? { values[position] }
    subscript(_ column: String) -> String? { index[column].flatMap { values[$0] } }

    /// The column's value, which the schema says is NOT NULL.
    func text(_ column: String) -> String { self[column] ?? "" }
    func int(_ column: String) -> Int? { self[column].flatMap { Int($0) } }
    func date(_ column: String) -> Date? { PGValue.date(self[column]) }
}

/// An error the server or libpq reported; `sqlState` is the five-character SQLSTATE when the server sent one.
struct PostgresError: Error, CustomStringConvertible {
    var message: String
    var sqlState: String?
    var description: String { message }
}
