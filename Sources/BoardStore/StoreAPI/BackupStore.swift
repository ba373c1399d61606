import Foundation

/// A consistent copy of the whole store to a file, taken while others keep working.
/// One area of the store API (see BoardStoring): the SQLite `BoardStore` conforms (BoardStore+Conformances), and
/// the PostgreSQL store conforms area by area as each is built (docs/postgresql.md lists which).
public protocol BackupStore: Sendable {
    func backup(to path: String, progress: (@Sendable (Int, Int) -> Void)?) throws
}
