import BoardModel
import Foundation
import Testing

@testable import BoardStore

/// The PostgreSQL server the store tests run against: `TUMORBOARD_TEST_POSTGRES` (scripts/pg-cluster.sh start
/// prints it; .ci/run starts a throwaway cluster and sets it). Without it the PostgreSQL tests are skipped with the
/// reason, except on CI (CI set), where they run and fail: a CI run must test both backends.
enum PostgresTestServer {
    static let url: String? = ProcessInfo.processInfo.environment["TUMORBOARD_TEST_POSTGRES"].flatMap {
        $0.isEmpty ? nil : $0
    }
    static let onCI = !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty

    /// Whether the PostgreSQL tests run (a server is configured, or CI requires them).
    static let runs = url != nil || onCI

    static let skipReason: Comment =
        "no PostgreSQL server configured: run `eval \"$(scripts/pg-cluster.sh start)\"` to set TUMORBOARD_TEST_POSTGRES"

    /// A new empty database owned by the owner role, for one test; returns its URL for `role`.
    static func freshDatabase() throws -> Database {
        guard let url else {
            throw StoreError.other("CI is set but TUMORBOARD_TEST_POSTGRES is not: the PostgreSQL tests cannot run")
        }
        let name = "tb_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let admin = try PGConnection(conninfo: url, shownAs: StoreAddress.redact(url))
        try admin.execute(script: "CREATE DATABASE \(name)")
        return Database(url: url, name: String(name))
    }

    /// One test database, reachable as different roles.
    struct Database {
        var url: String
        var name: String

        /// The database's URL for `role` (nil: the role of the configured URL, the owner).
        func url(role: String? = nil) -> String {
            var parts = URLComponents(string: url)!
            parts.path = "/" + name
            if let role { parts.user = role }
            return parts.string!
        }

        func open(role: String? = nil, readOnly: Bool = false) throws -> PostgresBoardStore {
            try PostgresBoardStore.open(conninfo: url(role: role), readOnly: readOnly, keyring: .memoryOnly)
        }
    }
}

/// The store tests that run on both backends take one of these.
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgresql

    /// SQLite always; PostgreSQL when a server is configured or CI requires it.
    static let available: [Backend] = PostgresTestServer.runs ? [.sqlite, .postgresql] : [.sqlite]

    var testDescription: String { rawValue }

    /// The areas of the store API both backends implement so far (grows as the PostgreSQL store does).
    typealias Store =
        StoreSession & DraftStore & AuditStore & CaseStore & NoteStore & DecisionStore & SignoffStore & SearchStore
        & TrialStore & MeetingStore & ImportStore

    /// A new store (with `bundle` imported, by site_a), and a way to open it as another member: another role on
    /// PostgreSQL, another user and login on SQLite (where tests replace the login through `asLogin`).
    func makeBoard(_ bundle: BoardBundle? = nil) throws -> (store: any Store, as: (String) throws -> any Store) {
        switch self {
        case .sqlite:
            let store = try BoardStore.inMemory(user: "site_a").asLogin("site_a")
            if let bundle { try store.importBundle(bundle, now: Fixtures.now) }
            return (store, { store.asUser($0).asLogin($0) })
        case .postgresql:
            let db = try PostgresTestServer.freshDatabase()
            _ = try db.open()  // the owner creates the schema
            let store = try db.open(role: "site_a")
            if let bundle { try store.importBundle(bundle, dryRun: false, now: Fixtures.now, progress: nil) }
            return (store, { try db.open(role: $0) })
        }
    }
}
