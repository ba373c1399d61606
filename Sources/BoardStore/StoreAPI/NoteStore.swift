import BoardModel
import Foundation

/// Notes on cases, findings and trial matches: versioned, an edit of a stale version kept as a conflict.
/// One area of the store API (see BoardStoring): the SQLite `BoardStore` conforms (BoardStore+Conformances), and
/// the PostgreSQL store conforms area by area as each is built (docs/postgresql.md lists which).
public protocol NoteStore: Sendable {
    @discardableResult func addNote(
        caseId: String, findingId: String?, trialId: String?, text: String, meetingId: String?, now: Date
    ) throws -> Note
    @discardableResult func editNote(id: String, expectedVersion: Int, text: String, now: Date) throws -> Note
    func noteVersions(id: String) throws -> [Note]
}
