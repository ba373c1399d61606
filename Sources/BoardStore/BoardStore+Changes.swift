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

    /// Makes a new case, refused with `StoreError.alreadyExists` when the id is taken. The check and the write are
    /// one IMMEDIATE transaction (the store's write lock is held from the check on), so two terminals adding the
    /// same id at once make one case and one refusal, never one case overwritten by the other.
    public func addCase(_ record: Case, now: Date = Date()) throws {
        try run {
            try db.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    if try Bool(exists: db, sql: "SELECT 1 FROM \"case\" WHERE id = ?", record.id) {
                        throw StoreError.alreadyExists(kind: "case", id: record.id)
                    }
                    _ = try write(
                        BoardBundle(cases: [record]), in: db, now: now, knowledge: try EvidenceIndex.load(db),
                        progress: nil)
                    return .commit
                }
            }
        }
    }
}
