import BoardModel
import Foundation
import GRDB

/// The follow-up queue: cases whose signed decision asks for a look again, computed by one query over the signed
/// decisions (never by reading every case), and the board's settings for it.
extension BoardStore {
    /// Recommendation kinds that mean a treatment, after which an outcome is expected.
    static let treatmentKinds: [RecommendationKind] = [
        .targetedTherapy, .immunotherapy, .chemotherapy, .clinicalTrial, .surgery, .radiotherapy, .chemoradiation,
        .standardOfCare,
    ]

    /// Items due by `dueBy` (default: `today`), soonest first, one per case with every reason it is back. Only the
    /// latest signed decision of an open case counts. A follow-up date (or the deciding meeting's day plus the
    /// interval in weeks) is settled when the case is put on the agenda of a meeting after the decision was signed; a
    /// missing outcome when an outcome dated on or after the decision is recorded. A death or loss to follow-up
    /// settles both. Retracted outcomes count for nothing.
    public func followUpQueue(today: LocalDate = LocalDate(Date()), dueBy: LocalDate? = nil) throws -> [FollowUpItem] {
        try run { try db.read { db in try Self.followUpItems(db, today: today, dueBy: dueBy ?? today) } }
    }

    static func followUpItems(_ db: Database, today: LocalDate, dueBy limit: LocalDate) throws -> [FollowUpItem] {
        let rules = try followUpRules(db)
        let kinds = String(decoding: try JSONEncoder().encode(treatmentKinds.map(\.rawValue)), as: UTF8.self)
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT d.id, d.case_id, c.diagnosis,
                  json_extract(d.body, '$.followUp.date') AS follow_date,
                  json_extract(d.body, '$.followUp.intervalWeeks') AS weeks,
                  json_extract(d.body, '$.followUp.represent') AS represent,
                  json_extract(d.body, '$.signedAt') AS signed_ms,
                  (SELECT dm.starts_at FROM meeting dm WHERE dm.id = d.meeting_id) AS decided_at,
                  EXISTS (SELECT 1 FROM json_each(d.body, '$.recommendations') r
                          WHERE json_extract(r.value, '$.kind') IN (SELECT value FROM json_each(?))) AS treats,
                  (SELECT MAX(o.date) FROM outcome o WHERE o.case_id = d.case_id
                   AND json_extract(o.body, '$.retraction') IS NULL) AS last_outcome,
                  EXISTS (SELECT 1 FROM outcome o WHERE o.case_id = d.case_id
                          AND o.kind IN ('death', 'lost-to-follow-up')
                          AND json_extract(o.body, '$.retraction') IS NULL) AS ended,
                  (SELECT MAX(m.starts_at) FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id
                   WHERE a.case_id = d.case_id) AS last_meeting
                FROM decision d JOIN "case" c ON c.id = d.case_id
                WHERE d.status = 'final' AND c.status <> 'closed'
                  AND NOT EXISTS (SELECT 1 FROM decision e WHERE e.case_id = d.case_id AND e.status = 'final'
                                  AND e.rowid > d.rowid)
                """, arguments: [kinds])
        var items: [FollowUpItem] = []
        while let row = try rows.next() {
            let facts = FollowUpFacts(
                caseId: row["case_id"], decisionId: row["id"], diagnosis: row["diagnosis"],
                followDate: row["follow_date"], intervalWeeks: row["weeks"], represent: row["represent"],
                signedMs: row["signed_ms"], meetingStart: row["decided_at"], treats: row["treats"],
                lastOutcome: row["last_outcome"], ended: row["ended"], lastMeeting: row["last_meeting"])
            if let item = facts.item(rules: rules, today: today, dueBy: limit) { items.append(item) }
        }
        return items.sorted { ($0.dueOn, $0.caseId) < ($1.dueOn, $1.caseId) }
    }

    /// Puts a case of the queue on the next meeting of the board that made its decision (not closed, starting after
    /// `now`) and writes why as a note on the case, in one transaction (both audited): the Follow-up screen's "add to
    /// the next meeting". Refused when the board has no such meeting or the case is already on it.
    @discardableResult
    public func scheduleFollowUp(_ item: FollowUpItem, now: Date = Date()) throws -> MeetingSummary {
        try run {
            try db.write { db in
                guard
                    let row = try Row.fetchOne(
                        db,
                        sql: """
                            SELECT m.id, m.board_id FROM meeting m
                            WHERE m.board_id = (SELECT dm.board_id FROM decision d JOIN meeting dm ON dm.id = d.meeting_id
                                                WHERE d.id = ?)
                              AND m.status <> 'closed' AND m.starts_at >= ? ORDER BY m.starts_at LIMIT 1
                            """, arguments: [item.decisionId, now.timeIntervalSince1970])
                else {
                    throw StoreError.invalid(
                        "no meeting ahead for the board that made decision \(item.decisionId): plan one first")
                }
                let meetingId: String = row["id"]
                guard try !addToAgenda(db, meetingId: meetingId, caseIds: [item.caseId], now: now).isEmpty else {
                    throw StoreError.invalid("case \(item.caseId) is already on the agenda of meeting \(meetingId)")
                }
                let note = Note(
                    id: try Self.nextId(db, prefix: "N-\(item.caseId)-", table: "note"),
                    target: NoteTarget(caseId: item.caseId), author: user,
                    text: "Back for follow-up (meeting \(meetingId)): " + item.reasonText, writtenAt: now, version: 1)
                _ = try RecordWriter(db: db, user: user, now: now).note(note)
                return Self.meetingSummary(
                    try Row.fetchOne(
                        db,
                        sql: """
                            SELECT m.*, b.name AS board_name,
                              (SELECT COUNT(*) FROM agenda_item a WHERE a.meeting_id = m.id) AS case_count
                            FROM meeting m JOIN board b ON b.id = m.board_id WHERE m.id = ?
                            """, arguments: [meetingId])!)
            }
        }
    }

    /// The board's follow-up settings (the standard ones until changed).
    public func followUpRules() throws -> FollowUpRules {
        try run { try db.read { db in try Self.followUpRules(db) } }
    }

    static func followUpRules(_ db: Database) throws -> FollowUpRules {
        func value(_ key: String) throws -> Int? {
            try String.fetchOne(db, sql: "SELECT value FROM board_setting WHERE key = ?", arguments: [key])
                .flatMap { Int($0) }
        }
        let standard = FollowUpRules.standard
        return FollowUpRules(
            noOutcomeDays: try value("followup.no-outcome-days") ?? standard.noOutcomeDays,
            overdueAfterDays: try value("followup.overdue-after-days") ?? standard.overdueAfterDays)
    }

    /// Changes the board's follow-up settings (1–3650 days each); audited.
    public func setFollowUpRules(_ rules: FollowUpRules, now: Date = Date()) throws {
        try FollowUpRules.check(rules)
        try run {
            try db.write { db in
                for (key, days) in rules.settings {
                    let before = try String.fetchOne(
                        db, sql: "SELECT value FROM board_setting WHERE key = ?", arguments: [key])
                    if before == String(days) { continue }
                    try db.execute(
                        sql:
                            "INSERT INTO board_setting(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                        arguments: [key, String(days)])
                    try AuditTrail.append(
                        db, user: user, action: "setting.change", entity: "board_setting", entityId: key,
                        before: before, after: String(days), at: now)
                }
            }
        }
    }
}
