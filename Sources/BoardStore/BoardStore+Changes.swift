import BoardModel
import Foundation
import GRDB

extension BoardStore {
    /// Moves a case through the workflow; audited with before → after.
    public func setCaseStatus(caseId: String, to status: CaseStatus, now: Date = Date()) throws {
        try run { try db.write { db in try Self.setStatus(db, user: user, caseId: caseId, to: status, now: now) } }
    }

    /// Saves a whole case (with findings), as an import of one record would.
    public func saveCase(_ record: Case, now: Date = Date()) throws {
        _ = try importBundle(BoardBundle(cases: [record]), now: now)
    }
}
