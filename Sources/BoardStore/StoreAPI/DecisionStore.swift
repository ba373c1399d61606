import BoardModel
import Foundation

/// Treatment decisions: versioned, saved with concurrent-save detection, signed and amended.
/// One area of the store API (see BoardStoring): the SQLite `BoardStore` conforms (BoardStore+Conformances), and
/// the PostgreSQL store conforms area by area as each is built (docs/postgresql.md lists which).
public protocol DecisionStore: Sendable {
    func decisions(caseId: String) throws -> [Decision]
    func decision(id: String) throws -> Decision?
    func newDecision(caseId: String, meetingId: String?, now: Date) throws -> Decision
    @discardableResult func saveDecision(_ decision: Decision, now: Date) throws -> Decision
    @discardableResult func signDecision(id: String, expectedVersion: Int, now: Date) throws -> Decision
    @discardableResult func amendDecision(id: String, reason: String, now: Date) throws -> Decision
}
