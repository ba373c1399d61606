import BoardModel
import Foundation
import GRDB

extension BoardStore {
    /// Corrects one detail of a case (what the readiness checklist flags, fixed from the case screen): the typed value
    /// is validated by `CaseField.apply` and set on the stored record, the list columns and the readiness checklist
    /// follow, the search index is updated, and the audit trail records the field with its value before and after.
    /// A refused value throws `InvalidValue` and nothing is written. Returns the case as saved.
    @discardableResult
    public func editCase(id: String, field: CaseField, to typed: String, now: Date = Date()) throws -> Case {
        try run {
            try db.write { db in
                guard
                    let row = try Row.fetchOne(
                        db, sql: "SELECT body, finding_count FROM \"case\" WHERE id = ?", arguments: [id])
                else {
                    throw StoreError.notFound(kind: "case", id: id)
                }
                let before = try Codec.decode(Case.self, from: row["body"] as String)
                var record = before
                try field.apply(typed, to: &record)
                let was = field.value(of: before)
                let after = field.value(of: record)
                guard record != before else { return record }
                // Findings attached from lab files live in their own rows: a case with any has a molecular report.
                var missing = record.missingData
                if (row["finding_count"] as Int? ?? 0) > 0 { missing.removeAll { $0 == .molecularReport } }
                try db.execute(
                    sql: """
                        UPDATE "case" SET oncotree_code = ?, diagnosis = ?, stage_group = ?, ecog = ?, missing = ?,
                          body = ?, updated_at = ? WHERE id = ?
                        """,
                    arguments: [
                        record.diagnosis.oncotreeCode, record.diagnosis.text, record.stage?.group,
                        record.performance?.ecog, missing.map(\.rawValue).joined(separator: ","),
                        try Codec.encode(record), now.timeIntervalSince1970, id,
                    ])
                try SearchIndex.indexCaseDetails(db, record)
                try AuditTrail.append(
                    db, user: user, action: "case.edit", entity: "case", entityId: id, caseId: id,
                    before: "\(field.rawValue): \(was)", after: "\(field.rawValue): \(after)", at: now)
                return record
            }
        }
    }
}
