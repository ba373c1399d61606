import Foundation
import GRDB
import BoardModel

extension BoardStore {
    /// Moves a case through the workflow; audited with before → after.
    public func setCaseStatus(caseId: String, to status: CaseStatus, now: Date = Date()) throws {
        try run { try db.write { db in
            guard let body = try String.fetchOne(db, sql: "SELECT body FROM \"case\" WHERE id = ?", arguments: [caseId]) else {
                throw StoreError.notFound(kind: "case", id: caseId)
            }
            var record = try Codec.decode(Case.self, from: body)
            let before = record.status
            if before == status { return }
            record.status = status
            try db.execute(sql: "UPDATE \"case\" SET status = ?, body = ?, updated_at = ? WHERE id = ?",
                           arguments: [status.rawValue, try Codec.encode(record), now.timeIntervalSince1970, caseId])
            try AuditTrail.append(db, user: user, action: "case.status", entity: "case", entityId: caseId, caseId: caseId,
                                  before: before.rawValue, after: status.rawValue, at: now)
        } }
    }

    /// Saves a whole case (with findings), as an import of one record would.
    public func saveCase(_ record: Case, now: Date = Date()) throws {
        _ = try importBundle(BoardBundle(cases: [record]), now: now)
    }
}
