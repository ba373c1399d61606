import Foundation

/// The audit chain compared with heads kept outside the store: witness logs, backups, minutes.
/// One area of the store API (see BoardStoring): the SQLite `BoardStore` conforms (BoardStore+Conformances), and
/// the PostgreSQL store conforms area by area as each is built (docs/postgresql.md lists which).
public protocol AnchorStore: Sendable {
    func compare(witnessed entries: [WitnessLog.Entry]) throws -> AnchorComparison
    func compare(backupAt path: String) throws -> AnchorComparison
    func compare(minutes text: String, file: String) throws -> AnchorComparison
}
