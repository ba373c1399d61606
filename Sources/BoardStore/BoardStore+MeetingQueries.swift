import BoardModel
import Foundation
import GRDB

/// Reads for meeting preparation and minutes.
extension BoardStore {
    /// Every meeting (optionally of one board), earliest first.
    public func allMeetings(boardId: String? = nil) throws -> [MeetingSummary] {
        try run {
            try db.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT m.*, b.name AS board_name, (SELECT COUNT(*) FROM agenda_item a WHERE a.meeting_id = m.id) AS case_count
                        FROM meeting m JOIN board b ON b.id = m.board_id WHERE ?1 IS NULL OR m.board_id = ?1 ORDER BY m.starts_at, m.id
                        """, arguments: [boardId]
                ).map(Self.meetingSummary)
            }
        }
    }

    public func board(id: String) throws -> Board? {
        try run {
            try db.read { db in
                try Row.fetchOne(db, sql: "SELECT * FROM board WHERE id = ?", arguments: [id]).map {
                    Board(id: $0["id"], name: $0["name"], site: $0["site"])
                }
            }
        }
    }

    /// Cases to offer first when preparing a meeting: those deferred (or marked to re-present) at the board's
    /// previous closed meeting, then cases whose current decision's follow-up falls due by the meeting day
    /// (the follow-up date, else the deciding meeting's day plus the interval in weeks), earliest first, then cases
    /// whose recommended treatment has no outcome after the board's set time (the follow-up queue's rule).
    /// Cases already on an open agenda, and closed cases, are left out.
    public func agendaSuggestions(meetingId: String) throws -> [AgendaSuggestion] {
        try run {
            try db.read { db in
                guard let meeting = try Self.loadMeeting(db, id: meetingId) else {
                    throw StoreError.notFound(kind: "meeting", id: meetingId)
                }
                let day = LocalDate(meeting.startsAt)
                let busy = Set(
                    try String.fetchAll(
                        db,
                        sql: """
                            SELECT a.case_id FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id
                            WHERE m.status <> 'closed' AND (a.meeting_id = ? OR a.outcome = 'pending')
                            """, arguments: [meetingId]))
                var list = AgendaSuggestionList(busy: Array(busy)) { try Self.headline(db, caseId: $0) }
                if let last = try String.fetchOne(
                    db,
                    sql: """
                        SELECT id FROM meeting WHERE board_id = ? AND status = 'closed' AND id <> ? AND starts_at <= ? ORDER BY starts_at DESC, id DESC LIMIT 1
                        """, arguments: [meeting.boardId, meetingId, meeting.startsAt.timeIntervalSince1970])
                {
                    for row in try Row.fetchAll(
                        db,
                        sql: """
                            SELECT case_id, outcome, defer_reason FROM agenda_item WHERE meeting_id = ? AND outcome IN ('deferred', 're-present') ORDER BY position
                            """, arguments: [last])
                    {
                        try list.add(
                            lastMeeting: last, caseId: row["case_id"], outcome: row["outcome"],
                            reason: row["defer_reason"])
                    }
                }
                let decisions = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT d.body, m.starts_at FROM decision d LEFT JOIN meeting m ON m.id = d.meeting_id WHERE d.status <> 'draft' ORDER BY d.rowid
                        """
                ).map {
                    (
                        try Codec.decode(Decision.self, from: $0["body"] as String),
                        ($0["starts_at"] as Double?).map(Date.init(timeIntervalSince1970:))
                    )
                }
                try list.addFollowUps(decisions, day: day, meetingId: meetingId)
                try list.addNoOutcome(try Self.followUpItems(db, today: day, dueBy: day))
                return list.suggestions
            }
        }
    }

    /// The meeting with everything its minutes show, in one read. With `allFindings` every finding of each case is
    /// loaded, not only the key ones (the minutes' "all findings" choice).
    public func meetingRecord(id: String, allFindings: Bool = false) throws -> MeetingRecord {
        try run {
            try db.read { db in
                guard let meeting = try Self.loadMeeting(db, id: id) else {
                    throw StoreError.notFound(kind: "meeting", id: id)
                }
                guard
                    let boardRow = try Row.fetchOne(
                        db, sql: "SELECT * FROM board WHERE id = ?", arguments: [meeting.boardId])
                else {
                    throw StoreError.notFound(kind: "board", id: meeting.boardId)
                }
                let board = Board(id: boardRow["id"], name: boardRow["name"], site: boardRow["site"])
                var cases: [Case] = []
                var notes: [Note] = []
                var decisions: [Decision] = []
                var hashes: [String: String] = [:]
                var trials: [String: Trial] = [:]
                var counts: [String: Int] = [:]
                var earlier: [Decision] = []
                var meetingDates: [String: Date] = [:]
                // Notes written while the meeting ran: from the real start (which may be before the planned one).
                let begin = min(meeting.startsAt, meeting.startedAt ?? meeting.startsAt).timeIntervalSince1970
                let end = (meeting.endedAt ?? meeting.startsAt.addingTimeInterval(86400)).timeIntervalSince1970
                for item in meeting.agenda {
                    guard
                        let body = try String.fetchOne(
                            db, sql: "SELECT body FROM \"case\" WHERE id = ?", arguments: [item.caseId])
                    else { continue }
                    var record = try Codec.decode(Case.self, from: body)
                    notes += try Self.meetingNotes(db, caseId: item.caseId, meetingId: id, from: begin, to: end)
                    let decision = try Self.meetingDecision(db, caseId: item.caseId, meetingId: id)
                    let history = try Self.earlierDecisions(db, caseId: item.caseId, before: meeting)
                    earlier += history.map(\.decision)
                    for (d, date) in history { if let m = d.meetingId, let date { meetingDates[m] = date } }
                    counts[record.id] =
                        try Int.fetchOne(
                            db.cachedStatement(sql: "SELECT finding_count FROM \"case\" WHERE id = ?"),
                            arguments: [item.caseId]) ?? 0
                    record.findings = try Self.keyFindings(
                        db, caseId: item.caseId, all: allFindings,
                        cited: Set(decision?.recommendations.flatMap(\.findingIds) ?? []))
                    cases.append(record)
                    if let decision {
                        decisions.append(decision)
                        hashes[decision.id] = try Self.decisionHash(decision)
                        try Self.recommendedTrials(db, of: decision, into: &trials)
                    }
                }
                return MeetingRecord(
                    meeting: meeting, board: board, cases: cases, findingCounts: counts, notes: notes,
                    decisions: decisions, decisionHashes: hashes, trials: trials, earlierDecisions: earlier,
                    meetingDates: meetingDates)
            }
        }
    }

    /// The latest version of each note on a case written for the meeting, or while it ran (`begin`...`end`) when
    /// the note names no meeting.
    private static func meetingNotes(
        _ db: Database, caseId: String, meetingId: String, from begin: Double, to end: Double
    ) throws -> [Note] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT n.* FROM note n WHERE n.case_id = ?1 AND n.version = (SELECT MAX(version) FROM note x WHERE x.id = n.id)
                  AND (n.meeting_id = ?2 OR (n.meeting_id IS NULL AND n.written_at >= ?3 AND n.written_at <= ?4))
                ORDER BY n.written_at, n.id
                """, arguments: [caseId, meetingId, begin, end]
        ).map(Self.note)
    }

    /// The case's decision at the meeting: the last version no later version amends.
    private static func meetingDecision(_ db: Database, caseId: String, meetingId: String) throws -> Decision? {
        let versions = try String.fetchAll(
            db, sql: "SELECT body FROM decision WHERE case_id = ? AND meeting_id = ? ORDER BY rowid",
            arguments: [caseId, meetingId]
        ).map { try Codec.decode(Decision.self, from: $0) }
        let superseded = Set(versions.compactMap(\.amends))
        return versions.last(where: { !superseded.contains($0.id) })
    }

    /// Only the key findings are decoded (all of them with `all`), in order, then any the decision cites that are
    /// not key ones; the rest are counted, not read.
    private static func keyFindings(_ db: Database, caseId: String, all: Bool, cited: Set<String>) throws -> [Finding] {
        let keyRows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT id, kind, gene, report_id, body FROM finding WHERE case_id = ? AND (best_rank < 99 OR ?) ORDER BY position
                    """), arguments: [caseId, all])
        var findings = try keyRows.map { try $0.finding() }
        let have = Set(keyRows.map { $0["id"] as String })
        for id in cited.subtracting(have).sorted() {
            if let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: "SELECT id, kind, gene, report_id, body FROM finding WHERE case_id = ? AND id = ?"),
                arguments: [caseId, id])
            {
                findings.append(try row.finding())
            }
        }
        return findings
    }

    /// The trials a decision recommends, each read once for the whole meeting.
    private static func recommendedTrials(_ db: Database, of decision: Decision, into trials: inout [String: Trial])
        throws
    {
        for trialId in decision.recommendations.compactMap(\.trialId) where trials[trialId] == nil {
            if let body = try String.fetchOne(db, sql: "SELECT body FROM trial WHERE id = ?", arguments: [trialId]) {
                trials[trialId] = try Codec.decode(Trial.self, from: body)
            }
        }
    }

    /// The signed decisions of a case from its presentations before `meeting` (superseded versions left out), oldest
    /// first, each with its meeting's start.
    static func earlierDecisions(_ db: Database, caseId: String, before meeting: Meeting) throws -> [(
        decision: Decision, meetingStart: Date?
    )] {
        let decisions = try Row.fetchAll(
            db,
            sql: """
                SELECT d.body, m.starts_at FROM decision d LEFT JOIN meeting m ON m.id = d.meeting_id
                WHERE d.case_id = ? AND d.status = 'final' AND (d.meeting_id IS NULL OR d.meeting_id <> ?)
                ORDER BY d.rowid
                """, arguments: [caseId, meeting.id]
        ).map { row in
            (
                try Codec.decode(Decision.self, from: row["body"] as String),
                (row["starts_at"] as Double?).map(Date.init(timeIntervalSince1970:))
            )
        }
        return MeetingRules.before(meeting, decisions)
    }

    /// SHA-256 (lower-case hex) of a decision's canonical JSON: sorted keys, millisecond instants.
    /// Printed on the minutes' sign-off lines so a printed copy can be checked against the store.
    public static func decisionHash(_ decision: Decision) throws -> String {
        Digest.sha256(try Codec.encode(decision))
    }
}
