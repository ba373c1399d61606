import Foundation

/// Each user's unsaved drafts, offered back at the next start (not records: not audited).
/// One area of the store API (see BoardStoring): the SQLite `BoardStore` conforms (BoardStore+Conformances), and
/// the PostgreSQL store conforms area by area as each is built (docs/postgresql.md lists which).
public protocol DraftStore: Sendable {
    func saveDraft(key: String, body: String, now: Date) throws
    func draft(key: String) throws -> Draft?
    func drafts() throws -> [Draft]
    func deleteDraft(key: String) throws
}
