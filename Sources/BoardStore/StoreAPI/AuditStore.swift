import BoardModel
import Foundation

/// The audit trail: its events, its keyed hash chain, its key, and `verify`.
/// One area of the store API (see BoardStoring): the SQLite `BoardStore` conforms (BoardStore+Conformances), and
/// the PostgreSQL store conforms area by area as each is built (docs/postgresql.md lists which).
public protocol AuditStore: Sendable {
    func auditEvents(caseId: String?, limit: Int) throws -> [AuditEvent]
    func auditHead() throws -> AuditHead
    func storeId() throws -> String
    func auditKeyStatus() throws -> AuditKeyStatus
    func backupAuditKey(to path: String) throws -> AuditKeyStatus
    func restoreAuditKey(from path: String) throws -> AuditKeyStatus
    func replaceLostAuditKey(reason: String) throws -> AuditKeyStatus
    func verify() throws -> VerificationReport
}
