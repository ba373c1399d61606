import Foundation

/// Who is connected to a store and how it behaves as a whole: the same on every backend.
/// One area of the store API (see BoardStoring): the SQLite `BoardStore` conforms (BoardStore+Conformances), and
/// the PostgreSQL store conforms area by area as each is built (docs/postgresql.md lists which).
public protocol StoreSession: Sendable {
    var user: String { get }
    var login: String { get }
    /// Where the store is, as it may be shown: a file path, or a PostgreSQL address without its password.
    var path: String { get }
    var isReadOnly: Bool { get }
    func onBusy(_ handler: (@Sendable () -> Void)?)
    func externalChangeCounter() throws -> Int
}
