import BoardModel
import Foundation

/// Reads for boards, meetings, agendas, agenda suggestions and minutes on PostgreSQL, as BoardStore+Queries and
/// BoardStore+MeetingQueries read them on SQLite (the same order; text compared byte-wise, as SQLite does).
extension PostgresBoardStore {
    public func boards() throws -> [Board] {
        try run {
            try connection.query("SELECT id, name, site FROM board ORDER BY name COLLATE \"C\"").map(Self.board)
        }
    }

    public func board(id: String) throws -> Board? {
        try run { try connection.query("SELECT id, name, site FROM board WHERE id = $1", [id]).first.map(Self.board) }
    }

    static func board(_ row: PGRow) -> Board { Board(id: row.text("id"), name: row.text("name"), site: row["site"]) }

    static let meetingSummarySQL = """
        SELECT m.*, b.name AS board_name, (SELECT count(*) FROM agenda_item a WHERE a.meeting_id = m.id) AS case_count
        FROM meeting m JOIN board b ON b.id = m.board_id
        """

    public func meetings(around now: Date, limit: Int) throws -> (upcoming: [MeetingSummary], past: [MeetingSummary]) {
        try run {
            try connection.snapshot {
                let upcoming = try connection.query(
                    Self.meetingSummarySQL + """
                         WHERE m.status <> 'closed' AND (m.starts_at >= $1 OR m.ended_at IS NULL AND m.starts_at >= $1 - 86400)
                        ORDER BY m.starts_at LIMIT $2
                        """, [PGValue.time(now), String(limit)]
                ).map(Self.meetingSummary)
                let shown = Set(upcoming.map(\.id))
                let past = try connection.query(
                    Self.meetingSummarySQL
                        + " WHERE m.starts_at < $1 OR m.status = 'closed' ORDER BY m.starts_at DESC LIMIT $2",
                    [PGValue.time(now), String(limit)]
                ).map(Self.meetingSummary).filter { !shown.contains($0.id) }
                return (upcoming, past)
            }
        }
    }

    public func allMeetings(boardId: String?) throws -> [MeetingSummary] {
        try run {
            try connection.query(
                Self.meetingSummarySQL
                    + " WHERE $1::text IS NULL OR m.board_id = $1 ORDER BY m.starts_at, m.id COLLATE \"C\"", [boardId]
            ).map(Self.meetingSummary)
        }
    }

    public func meeting(id: String) throws -> Meeting? {
        try run { try loadMeeting(id) }
    }

    /// The meeting with its agenda in order, or nil.
    func loadMeeting(_ id: String) throws -> Meeting? {
        guard let row = try connection.query("SELECT * FROM meeting WHERE id = $1", [id]).first else { return nil }
        let agenda = try connection.query(
            "SELECT * FROM agenda_item WHERE meeting_id = $1 ORDER BY position", [id]
        ).map(Self.agendaItem)
        return Meeting(
            id: row.text("id"), boardId: row.text("board_id"), startsAt: row.date("starts_at") ?? Date(),
            startedAt: row.date("started_at"), endedAt: row.date("ended_at"), location: row["location"],
            chair: row["chair"], roster: try Codec.decode([Attendee].self, from: row.text("roster")), agenda: agenda,
            status: MeetingStatus(rawValue: row.text("status")) ?? .planned)
    }

    static func agendaItem(_ row: PGRow) -> AgendaItem {
        AgendaItem(
            caseId: row.text("case_id"), position: row.int("position") ?? 0, presenter: row["presenter"],
            plannedMinutes: row.int("planned_minutes"),
            outcome: AgendaOutcome(rawValue: row.text("outcome")) ?? .pending, deferReason: row["defer_reason"],
            secondsSpent: row.int("seconds_spent"))
    }

    public func agenda(meetingId: String) throws -> [AgendaRow] {
        try run {
            try connection.query(
                """
                SELECT a.*, \(Self.headlineColumns) FROM agenda_item a
                JOIN "case" c ON c.id = a.case_id JOIN patient p ON p.id = c.patient_id
                WHERE a.meeting_id = $1 ORDER BY a.position
                """, [meetingId]
            ).map { AgendaRow(item: Self.agendaItem($0), headline: Self.headline($0)) }
        }
    }

    /// The same suggestions as on SQLite (BoardStore.agendaSuggestions): cases deferred or to re-present at the
    /// board's previous closed meeting, then follow-ups due by the meeting day; then, once this store has the outcome
    /// area (the follow-up queue), recommended treatments without an outcome after the board's set time.
    public func agendaSuggestions(meetingId: String) throws -> [AgendaSuggestion] {
        guard let meeting = try meeting(id: meetingId) else {
            throw StoreError.notFound(kind: "meeting", id: meetingId)
        }
        let day = LocalDate(meeting.startsAt)
        let noOutcome = try (self as Any as? any OutcomeStore)?.followUpQueue(today: day, dueBy: day) ?? []
        return try run {
            try connection.snapshot {
                let busy = try connection.query(
                    """
                    SELECT a.case_id FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id
                    WHERE m.status <> 'closed' AND (a.meeting_id = $1 OR a.outcome = 'pending')
                    """, [meetingId]
                ).map { $0.text("case_id") }
                var list = AgendaSuggestionList(busy: busy) { try self.headline(caseId: $0) }
                if let last = try connection.query(
                    """
                    SELECT id FROM meeting WHERE board_id = $1 AND status = 'closed' AND id <> $2 AND starts_at <= $3
                    ORDER BY starts_at DESC, id COLLATE "C" DESC LIMIT 1
                    """, [meeting.boardId, meetingId, PGValue.time(meeting.startsAt)]
                ).first?.text("id") {
                    for row in try connection.query(
                        """
                        SELECT case_id, outcome, defer_reason FROM agenda_item
                        WHERE meeting_id = $1 AND outcome IN ('deferred', 're-present') ORDER BY position
                        """, [last])
                    {
                        try list.add(
                            lastMeeting: last, caseId: row.text("case_id"), outcome: row.text("outcome"),
                            reason: row["defer_reason"])
                    }
                }
                let decisions = try connection.query(
                    """
                    SELECT d.body, m.starts_at FROM decision d LEFT JOIN meeting m ON m.id = d.meeting_id
                    WHERE d.status <> 'draft' ORDER BY d.created_order
                    """
                ).map { (try Codec.decode(Decision.self, from: $0.text("body")), $0.date("starts_at")) }
                try list.addFollowUps(decisions, day: day, meetingId: meetingId)
                try list.addNoOutcome(noOutcome)
                return list.suggestions
            }
        }
    }

    public func meetingRecord(id: String, allFindings: Bool) throws -> MeetingRecord {
        try run {
            try connection.snapshot {
                guard let meeting = try loadMeeting(id) else { throw StoreError.notFound(kind: "meeting", id: id) }
                guard
                    let board = try connection.query(
                        "SELECT id, name, site FROM board WHERE id = $1", [meeting.boardId]
                    ).first.map(Self.board)
                else { throw StoreError.notFound(kind: "board", id: meeting.boardId) }
                var record = MeetingRecord(
                    meeting: meeting, board: board, cases: [], findingCounts: [:], notes: [], decisions: [],
                    decisionHashes: [:], trials: [:], earlierDecisions: [], meetingDates: [:])
                // Notes written while the meeting ran: from the real start (which may be before the planned one).
                let begin = min(meeting.startsAt, meeting.startedAt ?? meeting.startsAt)
                let end = meeting.endedAt ?? meeting.startsAt.addingTimeInterval(86400)
                for item in meeting.agenda {
                    try addToRecord(&record, caseId: item.caseId, window: (begin, end), allFindings: allFindings)
                }
                return record
            }
        }
    }

    /// One agenda case's part of the minutes: the case with its key findings (and those its decision cites), its
    /// notes from the meeting, its decision in force from the meeting, its earlier decisions and the trials cited.
    private func addToRecord(
        _ record: inout MeetingRecord, caseId: String, window: (Date, Date), allFindings: Bool
    ) throws {
        let meeting = record.meeting
        guard let row = try connection.query("SELECT body, finding_count FROM \"case\" WHERE id = $1", [caseId]).first
        else { return }
        var caseRecord = try Codec.decode(Case.self, from: row.text("body"))
        record.notes += try connection.query(
            """
            SELECT n.* FROM note n WHERE n.case_id = $1 AND n.version = (SELECT max(version) FROM note x WHERE x.id = n.id)
              AND (n.meeting_id = $2 OR (n.meeting_id IS NULL AND n.written_at >= $3 AND n.written_at <= $4))
            ORDER BY n.written_at, n.id COLLATE "C"
            """, [caseId, meeting.id, PGValue.time(window.0), PGValue.time(window.1)]
        ).map(Self.note)
        let caseDecisions = try connection.query(
            "SELECT body FROM decision WHERE case_id = $1 AND meeting_id = $2 ORDER BY created_order",
            [caseId, meeting.id]
        ).map { try Codec.decode(Decision.self, from: $0.text("body")) }
        let superseded = Set(caseDecisions.compactMap(\.amends))
        let decision = caseDecisions.last(where: { !superseded.contains($0.id) })
        let earlier = try connection.query(
            """
            SELECT d.body, m.starts_at FROM decision d LEFT JOIN meeting m ON m.id = d.meeting_id
            WHERE d.case_id = $1 AND d.status = 'final' AND (d.meeting_id IS NULL OR d.meeting_id <> $2)
            ORDER BY d.created_order
            """, [caseId, meeting.id]
        ).map { (try Codec.decode(Decision.self, from: $0.text("body")), $0.date("starts_at")) }
        for (d, date) in MeetingRules.before(meeting, earlier) {
            record.earlierDecisions.append(d)
            if let m = d.meetingId, let date { record.meetingDates[m] = date }
        }
        record.findingCounts[caseId] = row.int("finding_count") ?? 0
        let keyRows = try connection.query(
            """
            SELECT id, kind, gene, report_id, body FROM finding WHERE case_id = $1 AND (best_rank < 99 OR $2::boolean)
            ORDER BY position
            """, [caseId, allFindings ? "true" : "false"])
        caseRecord.findings = try keyRows.map(Self.finding)
        let have = Set(keyRows.map { $0.text("id") })
        let cited = Set(decision?.recommendations.flatMap(\.findingIds) ?? [])
        for findingId in cited.subtracting(have).sorted() {
            if let row = try connection.query(
                "SELECT id, kind, gene, report_id, body FROM finding WHERE case_id = $1 AND id = $2",
                [caseId, findingId]
            ).first {
                caseRecord.findings.append(try Self.finding(row))
            }
        }
        record.cases.append(caseRecord)
        guard let decision else { return }
        record.decisions.append(decision)
        record.decisionHashes[decision.id] = try BoardStore.decisionHash(decision)
        for trialId in decision.recommendations.compactMap(\.trialId) where record.trials[trialId] == nil {
            if let body = try connection.query("SELECT body FROM trial WHERE id = $1", [trialId]).first?["body"] {
                record.trials[trialId] = try Codec.decode(Trial.self, from: body)
            }
        }
    }

    static func finding(_ row: PGRow) throws -> Finding {
        try FindingJSON.decode(
            id: row.text("id"), kind: row.text("kind"), gene: row["gene"], reportId: row["report_id"],
            body: row.text("body"))
    }
}
