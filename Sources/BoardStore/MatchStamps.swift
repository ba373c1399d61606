import BoardModel
import Foundation
import GRDB

/// Schema v14: when each case was last matched whole (`case_matched`, a `MatchStamp` per case) and the trials version
/// (`trial_change`, a row per change to a trial, written by triggers), and the reads of a few trials' matching.
///
/// A stamp is current when no change to a trial after the version it records is still unmatched: a change counts as
/// matched once every case has been matched against it (adding a trial through `rematch`), so adding one trial leaves
/// the other cases' stamps current without rewriting them.
enum MatchStamps {
    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE case_matched(
                    case_id TEXT PRIMARY KEY REFERENCES "case"(id) ON DELETE CASCADE,
                    rules_version INTEGER NOT NULL,
                    trials_version INTEGER NOT NULL,
                    fingerprint TEXT NOT NULL,
                    age INTEGER,
                    matched_at REAL NOT NULL) WITHOUT ROWID;
                CREATE TABLE trial_change(
                    version INTEGER PRIMARY KEY AUTOINCREMENT,
                    trial_id TEXT NOT NULL,
                    matched INTEGER NOT NULL DEFAULT 0);
                CREATE INDEX trial_change_unmatched ON trial_change(version) WHERE matched = 0;
                CREATE TRIGGER trial_change_insert AFTER INSERT ON trial
                    BEGIN INSERT INTO trial_change(trial_id) VALUES (NEW.id); END;
                CREATE TRIGGER trial_change_update AFTER UPDATE ON trial WHEN OLD.body IS NOT NEW.body
                    BEGIN INSERT INTO trial_change(trial_id) VALUES (NEW.id); END;
                CREATE TRIGGER trial_change_delete AFTER DELETE ON trial
                    BEGIN INSERT INTO trial_change(trial_id) VALUES (OLD.id); END;
                """)
    }

    static func version(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT coalesce(max(version), 0) FROM trial_change") ?? 0
    }

    static func save(_ db: Database, _ stamps: [MatchStamp]) throws {
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO case_matched(case_id, rules_version, trials_version, fingerprint, age, matched_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(case_id) DO UPDATE SET rules_version = excluded.rules_version,
                  trials_version = excluded.trials_version, fingerprint = excluded.fingerprint, age = excluded.age,
                  matched_at = excluded.matched_at
                """)
        let exists = try db.cachedStatement(sql: "SELECT 1 FROM \"case\" WHERE id = ?")
        for s in stamps where try Int.fetchOne(exists, arguments: [s.caseId]) != nil {
            try insert.execute(arguments: [
                s.caseId, s.rulesVersion, s.trialsVersion, s.fingerprint, s.age, s.matchedAt.timeIntervalSince1970,
            ])
        }
    }

    /// The case's stamp, current or not (its fingerprint holds as long as the case is unchanged).
    static func stamp(_ db: Database, caseId: String) throws -> MatchStamp? {
        try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT rules_version, trials_version, fingerprint, age, matched_at FROM case_matched WHERE case_id = ?
                    """), arguments: [caseId]
        ).map {
            MatchStamp(
                caseId: caseId, fingerprint: $0["fingerprint"], age: $0["age"], rulesVersion: $0["rules_version"],
                trialsVersion: $0["trials_version"], matchedAt: Date(timeIntervalSince1970: $0["matched_at"]))
        }
    }

    /// Whether a trial changed after `version` and has not been matched against every case since.
    static func unmatchedChange(_ db: Database, after version: Int) throws -> Bool {
        try Int.fetchOne(
            db.cachedStatement(
                sql:
                    "SELECT 1 FROM trial_change INDEXED BY trial_change_unmatched WHERE matched = 0 AND version > ? LIMIT 1"
            ), arguments: [version]) != nil
    }

    /// The changes to these trials up to `version` are matched against every case.
    static func matched(_ db: Database, trialIds: Set<String>, through version: Int) throws {
        let list = String(decoding: try JSONEncoder().encode(trialIds.sorted()), as: UTF8.self)
        try db.execute(
            sql: """
                UPDATE trial_change SET matched = 1
                WHERE matched = 0 AND version <= ? AND trial_id IN (SELECT value FROM json_each(?))
                """, arguments: [version, list])
    }

    /// One case as trials reading only `genes` (the store's spellings, a JSON array) read it: with the case's
    /// fingerprint from its stamp, the findings of its matching summary those trials can look at (biomarkers, those
    /// genes, fusion partners, a biomarker result held by another finding; `MolecularReading`) and, when
    /// they leave it out, a finding that shows the case has a tumour profile, or else one germline alteration (what
    /// an unprofiled case's explanation names); without a stamp that gives the fingerprint, the whole matching
    /// summary. Nil for an unknown case.
    static func caseForMatching(_ db: Database, id: String, genes: String, on day: LocalDate) throws -> CaseForMatching?
    {
        guard
            let body = try String.fetchOne(
                db.cachedStatement(sql: "SELECT body FROM \"case\" WHERE id = ?"), arguments: [id])
        else { return nil }
        var record = try Codec.decode(Case.self, from: body)
        guard let fingerprint = try stamp(db, caseId: id)?.fingerprint(of: record, on: day) else {
            record.findings = try FindingList.matchingFindings(db, caseId: id)
            return CaseForMatching(record: record, fingerprint: nil)
        }
        var findings = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT id, kind, gene, report_id, body FROM finding
                    WHERE case_id = ?1 AND (kind = 'biomarker' OR gene IN (SELECT value FROM json_each(?2))
                        OR instr(body, '"partners":[') > 0 OR (gene IS NOT NULL AND instr(body, '"biomarker":') > 0))
                    ORDER BY position
                    """), arguments: [id, genes]
        ).map { try $0.finding() }
        if !findings.contains(where: \.establishesTumourProfile) {
            let witness = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT id, kind, gene, report_id, body FROM finding
                        WHERE case_id = ? AND kind <> 'biomarker' AND instr(body, '"origin":"germline"') = 0 LIMIT 1
                        """), arguments: [id])
            if let witness {
                findings.append(try witness.finding())
            } else if !findings.contains(where: { $0.origin == .germline && $0.kind != .biomarker }),
                let germline = try Row.fetchOne(
                    db.cachedStatement(
                        sql: """
                            SELECT id, kind, gene, report_id, body FROM finding
                            WHERE case_id = ? AND kind <> 'biomarker' AND \(FindingList.readByMatching) LIMIT 1
                            """), arguments: [id])
            {
                findings.append(try germline.finding())
            }
        }
        record.findings = findings
        return CaseForMatching(record: record, fingerprint: fingerprint)
    }
}
