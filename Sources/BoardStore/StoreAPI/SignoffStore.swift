import BoardModel
import Foundation

/// Who may sign a board's decisions (logins, delegates) and the sign-off requests waiting for them.
/// One area of the store API (see BoardStoring): the SQLite `BoardStore` conforms (BoardStore+Conformances), and
/// the PostgreSQL store conforms area by area as each is built (docs/postgresql.md lists which).
public protocol SignoffStore: Sendable {
    func signoffSettings(boardId: String) throws -> BoardSignoffSettings
    func setBoardLogin(boardId: String, login: String, person: String?, now: Date) throws
    func setDelegate(boardId: String, delegate: String, remove: Bool, now: Date) throws
    func signingRight(for decision: Decision) throws -> SigningRight
    func signingRight(decisionId: String) throws -> SigningRight
    @discardableResult func requestSignoff(decisionId: String, expectedVersion: Int, now: Date) throws -> SignoffRequest
    func signoffRequests(meetingId: String?) throws -> [SignoffRequest]
    func signoffRequest(decisionId: String) throws -> SignoffRequest?
}
