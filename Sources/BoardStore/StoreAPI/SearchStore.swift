import Foundation

/// Full-text search over cases, findings, notes and trials, accent-folded.
/// One area of the store API (see BoardStoring): the SQLite `BoardStore` conforms (BoardStore+Conformances), and
/// the PostgreSQL store conforms area by area as each is built (docs/postgresql.md lists which).
public protocol SearchStore: Sendable {
    func search(_ text: String, limit: Int) throws -> [SearchHit]
}
