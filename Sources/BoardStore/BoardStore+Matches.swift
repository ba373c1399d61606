import BoardModel
import Foundation
import GRDB

/// A stored match that no longer fits the data it was computed on.
public struct StaleMatch: Sendable, Hashable {
    public var caseId: String
    public var trialId: String
    public var armId: String?
}

extension BoardStore {
    /// Replaces one case's stored matches with `matches` (all for that case), in one transaction.
    public func saveMatches(caseId: String, _ matches: [TrialMatch]) throws {
        try saveMatches([(caseId, matches)])
    }

    /// Replaces the stored matches of every case listed, in one transaction: all of them or none.
    /// Matches are derived data (recomputed from cases and trials), so they are not audited.
    public func saveMatches(_ matchesByCase: [(caseId: String, matches: [TrialMatch])]) throws {
        try run { try db.write { db in try saveMatches(db, matchesByCase) } }
    }

    /// `saveMatches(_:)` inside a transaction. The cases' stamps go too: matches saved without one may not be what
    /// matching the case whole gives (`saveMatches(_:stamps:)` saves them again).
    func saveMatches(_ db: Database, _ matchesByCase: [(caseId: String, matches: [TrialMatch])]) throws {
        let delete = try db.cachedStatement(sql: "DELETE FROM trial_match WHERE case_id = ?")
        let unstamp = try db.cachedStatement(sql: "DELETE FROM case_matched WHERE case_id = ?")
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO trial_match(case_id, trial_id, arm_id, status, score, computed_at, data_fingerprint, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(case_id, trial_id, arm_id) DO UPDATE SET status = excluded.status, score = excluded.score,
                  computed_at = excluded.computed_at, data_fingerprint = excluded.data_fingerprint, body = excluded.body
                """)
        for (caseId, matches) in matchesByCase {
            try delete.execute(arguments: [caseId])
            try unstamp.execute(arguments: [caseId])
            for m in matches where m.caseId == caseId {
                try insert.execute(arguments: [
                    caseId, m.trialId, m.armId ?? "", m.status.rawValue, m.score,
                    m.computedAt.timeIntervalSince1970, m.dataFingerprint, try Codec.encode(m),
                ])
            }
        }
    }

    /// Replaces the stored matches against these trials only (every case's), in one transaction: what adding or
    /// changing trials needs, leaving each case's matches against the other trials as they are.
    public func saveMatches(trialIds: Set<String>, _ matchesByCase: [(caseId: String, matches: [TrialMatch])]) throws {
        guard !trialIds.isEmpty else { return }
        try run {
            try db.write { db in
                let list = String(decoding: try JSONEncoder().encode(trialIds.sorted()), as: UTF8.self)
                try db.execute(
                    sql: "DELETE FROM trial_match WHERE trial_id IN (SELECT value FROM json_each(?))", arguments: [list]
                )
                for (caseId, matches) in matchesByCase {
                    try Self.insert(db, matches, caseId: caseId, trialIds: trialIds)
                }
            }
        }
    }

    /// Inserts the case's matches against these trials (their earlier ones deleted by the caller).
    static func insert(_ db: Database, _ matches: [TrialMatch], caseId: String, trialIds: Set<String>) throws {
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO trial_match(case_id, trial_id, arm_id, status, score, computed_at, data_fingerprint, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for m in matches where m.caseId == caseId && trialIds.contains(m.trialId) {
            try insert.execute(arguments: [
                caseId, m.trialId, m.armId ?? "", m.status.rawValue, m.score, m.computedAt.timeIntervalSince1970,
                m.dataFingerprint, try Codec.encode(m),
            ])
        }
    }

    /// These cases with their findings, in the order given (unknown ids are left out): what matching again the
    /// cases an import changed reads, instead of every case.
    public func casesForMatching(ids: [String]) throws -> [Case] {
        try run {
            try db.read { db in
                try ids.compactMap { id in
                    guard
                        let body = try String.fetchOne(
                            db.cachedStatement(sql: "SELECT body FROM \"case\" WHERE id = ?"), arguments: [id])
                    else { return nil }
                    var record = try Codec.decode(Case.self, from: body)
                    record.findings = try FindingList.matchingFindings(db, caseId: id)
                    return record
                }
            }
        }
    }

    /// Every case with the findings matching reads (its summary, `matchingSummary()`: a whole exome's unannotated
    /// rows are not read), in id order: what matching all cases reads.
    public func casesForMatching() throws -> [Case] {
        try run {
            try db.read { db in
                let records = try String.fetchAll(db, sql: "SELECT body FROM \"case\" ORDER BY id").map {
                    try Codec.decode(Case.self, from: $0)
                }
                var findings = try FindingList.matchingFindings(db, caseIds: records.map(\.id))
                return records.map { record in
                    var record = record
                    record.findings = findings.removeValue(forKey: record.id) ?? []
                    return record
                }
            }
        }
    }

    /// Stored matches computed on other data than the store now holds for their case and trial (or by
    /// other matching rules, or for another age of the patient on `day`).
    public func staleMatches(on day: LocalDate = LocalDate(Date())) throws -> [StaleMatch] {
        var walk = StaleMatchWalk(cases: try casesForMatching(), trials: try trials(), on: day)
        try run {
            try db.read { db in
                let rows = try Row.fetchCursor(
                    db,
                    sql:
                        "SELECT case_id, trial_id, arm_id, data_fingerprint FROM trial_match ORDER BY case_id, trial_id, arm_id"
                )
                while let row = try rows.next() {
                    walk.visit(
                        caseId: row["case_id"], trialId: row["trial_id"], armId: row["arm_id"],
                        dataFingerprint: row["data_fingerprint"])
                }
            }
        }
        return walk.stale
    }
}
