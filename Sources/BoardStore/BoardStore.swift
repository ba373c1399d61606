import BoardModel
import Foundation
import GRDB

/// The board's one SQLite file. Screens and commands speak to it through this API; only BoardStore knows SQL.
/// Production opens a WAL `DatabasePool` so several terminals can share a store; tests use an in-memory queue.
public final class BoardStore: Sendable {
    let db: any DatabaseWriter
    /// Who is making changes: recorded in every audit event.
    public let user: String
    /// The operating-system login of this process (`getpwuid(geteuid())`): who signs. Never taken from `--user`
    /// or the environment, which anyone can set; tests replace it only through the internal `asLogin(_:)`.
    public let login: String
    /// The file path, or ":memory:".
    public let path: String
    /// Told when a write has to wait for another process's lock (see `onBusy`).
    let busy: BusyNotifier

    init(
        db: any DatabaseWriter, user: String, path: String, busy: BusyNotifier = BusyNotifier(),
        login: String = SystemLogin.current()
    ) {
        self.db = db
        self.user = user
        self.login = login
        self.path = path
        self.busy = busy
    }

    /// Called once at the start of each wait for a lock another process holds, on the thread that is
    /// blocked in the store call (the caller's thread for a synchronous write), before SQLite retries.
    /// The app uses it to draw "waiting for the store…" so a several-second lock is visible, not a freeze.
    public func onBusy(_ handler: (@Sendable () -> Void)?) { busy.set(handler) }

    /// How long a write waits for another process's lock before giving up with `StoreError.locked`.
    static let busyTimeout: TimeInterval = 10

    /// Opens (creating if needed) the store at `path`. The directory is created 0700 and the file 0600.
    /// `onBusy` is installed before the store is opened, so a wait during opening is reported too.
    /// `keyring` is where the store's audit key lives (outside the store); a writable open of a store without a
    /// key creates one there (see BoardStore+AuditKey).
    public static func open(
        path: String, user: String, readOnly: Bool = false, keyring: AuditKeyring = .standard,
        onBusy: (@Sendable () -> Void)? = nil
    ) throws -> BoardStore {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try checkPlace(path: path, directory: directory, readOnly: readOnly)
        let isNew = !FileManager.default.fileExists(atPath: path)
        if isNew {
            if readOnly { throw StoreError.cannotCreate(path: path, reason: "no store there") }
            try createFile(path: path)
        } else if !readOnly && access(path, W_OK) != 0 {
            return try open(path: path, user: user, readOnly: true, keyring: keyring, onBusy: onBusy)
        }
        try checkHeader(path: path)
        let busy = BusyNotifier()
        busy.set(onBusy)
        let config = configuration(readOnly: readOnly, isNew: isNew, busy: busy)
        do {
            let store = BoardStore(
                db: try connect(path: path, directory: directory, readOnly: readOnly, config: config), user: user,
                path: path, busy: busy)
            try store.prepare(readOnly: readOnly, keyring: keyring)
            return store
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.map(error, path: path)
        }
    }

    /// Said plainly before anything is created: a directory given as the store, or no store where one is only read.
    /// A missing directory is created 0700.
    private static func checkPlace(path: String, directory: String, readOnly: Bool) throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw StoreError.other(
                "\(path) is a directory, not a store file; give the store file itself, e.g. \(URL(fileURLWithPath: path).appendingPathComponent("board.sqlite").path)"
            )
        }
        if readOnly && !fm.fileExists(atPath: path) {
            throw StoreError.other(
                "there is no store at \(path); `tumorboard import` or `tumorboard demo` creates one, or give --store")
        }
        if !fm.fileExists(atPath: directory, isDirectory: &isDirectory) {
            do {
                try fm.createDirectory(
                    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw StoreError.cannotCreate(
                    path: path, reason: "the directory \(directory) does not exist and cannot be created")
            }
        } else if !isDirectory.boolValue {
            throw StoreError.cannotCreate(path: path, reason: "\(directory) is not a directory")
        }
    }

    /// The new store file, 0600 from the start (never created with wider permissions and narrowed after).
    private static func createFile(path: String) throws {
        let fd = Foundation.open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        if fd < 0 {
            let reason = errno == EACCES ? "the directory is not writable" : String(cString: strerror(errno))
            throw StoreError.cannotCreate(path: path, reason: reason)
        }
        close(fd)
    }

    private static func configuration(readOnly: Bool, isNew: Bool, busy: BusyNotifier) -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        // Like `.timeout(10)`, but reports the first retry of each wait so the screen can say it is waiting.
        config.busyMode = .callback { tries in
            if tries == 0 { busy.report() }
            if Double(tries) * 0.02 >= busyTimeout { return false }
            usleep(20_000)
            return true
        }
        config.readonly = readOnly
        config.label = "tumorboard"
        if isNew {
            // 16 KiB pages, set before the first write (WAL fixes the size): a 200,000-row VCF import writes a
            // quarter of the pages and B-tree splits of 4 KiB pages, about 25% faster; small reads do not notice.
            config.prepareDatabase { db in try db.execute(sql: "PRAGMA page_size = 16384") }
        }
        return config
    }

    /// A pool of connections to the store file. On read-only media (a read-only mount) SQLite can neither create the
    /// -wal/-shm files a WAL store needs nor take locks, so it refuses to open. With no -wal left over, the file is
    /// complete and nobody on this machine can change it: it is opened as an immutable URI (Debian's SQLite has
    /// URIs on).
    private static func connect(path: String, directory: String, readOnly: Bool, config: Configuration) throws
        -> any DatabaseWriter
    {
        let fm = FileManager.default
        let readOnlyMedia =
            readOnly && access(directory, W_OK) != 0
            && !fm.fileExists(atPath: path + "-wal") && !fm.fileExists(atPath: path + "-shm")
        return readOnlyMedia
            ? try DatabaseQueue(path: URL(fileURLWithPath: path).absoluteString + "?immutable=1", configuration: config)
            : try DatabasePool(path: path, configuration: config)
    }

    /// A private in-memory store, for tests and throwaway sessions.
    public static func inMemory(user: String = "test", keyring: AuditKeyring = .memoryOnly) throws -> BoardStore {
        var config = Configuration()
        config.foreignKeysEnabled = true
        let queue = try DatabaseQueue(configuration: config)
        let store = BoardStore(db: queue, user: user, path: ":memory:")
        try store.prepare(readOnly: false, keyring: keyring)
        return store
    }

    /// The same store seen by another user (e.g. a second terminal in tests).
    public func asUser(_ name: String) -> BoardStore {
        BoardStore(db: db, user: name, path: path, busy: busy, login: login)
    }

    /// The same store as seen from another operating-system login: the test seam for sign-off (internal on
    /// purpose, so no command-line option or screen can claim somebody else's login).
    func asLogin(_ login: String) -> BoardStore { BoardStore(db: db, user: user, path: path, busy: busy, login: login) }

    /// Whether the store refuses writes (read-only file or mount).
    public var isReadOnly: Bool { db.configuration.readonly }

    private func prepare(readOnly: Bool, keyring: AuditKeyring) throws {
        let migrator = Schema.migrator
        let superseded = try db.read { db in try migrator.hasBeenSuperseded(db) }
        if superseded { throw StoreError.newerSchema(path: path) }
        if !readOnly {
            try migrator.migrate(db)
        } else {
            let complete = try db.read { db in try migrator.hasCompletedMigrations(db) }
            if !complete { throw StoreError.readOnly(path: path) }
        }
        try prepareAuditKey(keyring: keyring, readOnly: readOnly)
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
            case .SQLITE_IOERR:
                // A full disk often surfaces as a failed write (SQLITE_IOERR_WRITE on the WAL), not SQLITE_FULL.
                if diskIsFull(path) { return .diskFull(path: path) }
                return .other("input/output error on \(path) (disk full or removed?)")
            default: return .other("store error on \(path): \(db.message ?? "\(db.resultCode)")")
            }
        }
        return .other("\(error)")
    }

    /// Whether the file system holding `path` has no block left for an ordinary user.
    static func diskIsFull(_ path: String) -> Bool {
        var info = statvfs()
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard statvfs(directory, &info) == 0 else { return false }
        return info.f_bavail == 0
    }
}

/// Holds the `onBusy` handler; SQLite's busy callback may run on any thread, hence the lock.
final class BusyNotifier: @unchecked Sendable {
    private let lock = NSLock()
    private var handler: (@Sendable () -> Void)?

    func set(_ handler: (@Sendable () -> Void)?) { lock.withLock { self.handler = handler } }

    func report() { lock.withLock { handler }?() }
}
