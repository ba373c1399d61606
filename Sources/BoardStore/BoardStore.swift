import Foundation
import GRDB
import BoardModel

/// The board's one SQLite file. Screens and commands speak to it through this API; only BoardStore knows SQL.
/// Production opens a WAL `DatabasePool` so several terminals can share a store; tests use an in-memory queue.
public final class BoardStore: Sendable {
    let db: any DatabaseWriter
    /// Who is making changes: recorded in every audit event.
    public let user: String
    /// The file path, or ":memory:".
    public let path: String

    init(db: any DatabaseWriter, user: String, path: String) {
        self.db = db
        self.user = user
        self.path = path
    }

    /// Opens (creating if needed) the store at `path`. The directory is created 0700 and the file 0600.
    public static func open(path: String, user: String, readOnly: Bool = false) throws -> BoardStore {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if !fm.fileExists(atPath: directory, isDirectory: &isDirectory) {
            do {
                try fm.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw StoreError.cannotCreate(path: path, reason: "the directory \(directory) does not exist and cannot be created")
            }
        } else if !isDirectory.boolValue {
            throw StoreError.cannotCreate(path: path, reason: "\(directory) is not a directory")
        }
        if !fm.fileExists(atPath: path) {
            if readOnly { throw StoreError.cannotCreate(path: path, reason: "no store there") }
            let fd = Foundation.open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
            if fd < 0 {
                let reason = errno == EACCES ? "the directory is not writable" : String(cString: strerror(errno))
                throw StoreError.cannotCreate(path: path, reason: reason)
            }
            close(fd)
        } else if !readOnly && access(path, W_OK) != 0 {
            return try open(path: path, user: user, readOnly: true)
        }
        try checkHeader(path: path)
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(10)
        config.readonly = readOnly
        config.label = "tumorboard"
        do {
            let pool = try DatabasePool(path: path, configuration: config)
            let store = BoardStore(db: pool, user: user, path: path)
            try store.prepare(readOnly: readOnly)
            return store
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.map(error, path: path)
        }
    }

    /// A private in-memory store, for tests and throwaway sessions.
    public static func inMemory(user: String = "test") throws -> BoardStore {
        var config = Configuration()
        config.foreignKeysEnabled = true
        let queue = try DatabaseQueue(configuration: config)
        let store = BoardStore(db: queue, user: user, path: ":memory:")
        try store.prepare(readOnly: false)
        return store
    }

    /// The same store seen by another user (e.g. a second terminal in tests).
    public func asUser(_ name: String) -> BoardStore { BoardStore(db: db, user: name, path: path) }

    /// Whether the store refuses writes (read-only file or mount).
    public var isReadOnly: Bool { db.configuration.readonly }

    private func prepare(readOnly: Bool) throws {
        let migrator = Schema.migrator
        let superseded = try db.read { db in try migrator.hasBeenSuperseded(db) }
        if superseded { throw StoreError.newerSchema(path: path) }
        if !readOnly {
            try migrator.migrate(db)
        } else {
            let complete = try db.read { db in try migrator.hasCompletedMigrations(db) }
            if !complete { throw StoreError.readOnly(path: path) }
        }
    }

    /// Rejects files that exist but are not SQLite databases before SQLite touches them (nothing is overwritten).
    private static func checkHeader(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 16)) ?? Data()
        if head.isEmpty { return }
        if head != Data("SQLite format 3\0".utf8) { throw StoreError.notAStore(path: path) }
    }

    /// A counter that changes whenever another process commits to the store (PRAGMA data_version),
    /// so screens can refresh what they show.
    public func externalChangeCounter() throws -> Int {
        try run { try db.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 } }
    }

    /// Runs a store operation, mapping SQLite errors to `StoreError`.
    func run<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw StoreError.map(error, path: path)
        }
        // StoreError and the domain's own errors (conflicts, invalid decisions) pass through unchanged.
    }
}

extension StoreError {
    /// Maps a GRDB/SQLite error to a message a user understands; never a raw "database is locked".
    static func map(_ error: Error, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let db = error as? DatabaseError {
            switch db.resultCode {
            case .SQLITE_NOTADB: return .notAStore(path: path)
            case .SQLITE_CORRUPT: return .corrupt(path: path, detail: "SQLite reports corruption")
            case .SQLITE_READONLY: return .readOnly(path: path)
            case .SQLITE_FULL: return .diskFull(path: path)
            case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked(path: path)
            case .SQLITE_CANTOPEN: return .cannotCreate(path: path, reason: "cannot open the file")
            case .SQLITE_IOERR: return .other("input/output error on \(path) (disk full or removed?)")
            default: return .other("store error on \(path): \(db.message ?? "\(db.resultCode)")")
            }
        }
        return .other("\(error)")
    }
}
