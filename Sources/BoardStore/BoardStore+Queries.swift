import BoardModel
import Foundation
import GRDB

extension BoardStore {
    public func boards() throws -> [Board] {
        try run {
            try db.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM board ORDER BY name").map {
                    Board(id: $0["id"], name: $0["name"], site: $0["site"])
                }
            }
        }
    }

    /// Meetings starting at or after `now` (soonest first) and before it (latest first).
    public func meetings(around now: Date, limit: Int = 200) throws -> (
        upcoming: [MeetingSummary], past: [MeetingSummary]
    ) {
        try run {
            try db.read { db in
                let sql = """
                    SELECT m.*, b.name AS board_name, (SELECT COUNT(*) FROM agenda_item a WHERE a.meeting_id = m.id) AS case_count
                    FROM meeting m JOIN board b ON b.id = m.board_id
                    """
                let upcoming = try Row.fetchAll(
                    db,
                    sql: sql
                        + " WHERE m.status <> 'closed' AND (m.starts_at >= ? OR m.ended_at IS NULL AND m.starts_at >= ? - 86400) ORDER BY m.starts_at LIMIT ?",
                    arguments: [now.timeIntervalSince1970, now.timeIntervalSince1970, limit]
                ).map(Self.meetingSummary)
                let shown = Set(upcoming.map(\.id))
                let past = try Row.fetchAll(
                    db, sql: sql + " WHERE m.starts_at < ? OR m.status = 'closed' ORDER BY m.starts_at DESC LIMIT ?",
                    arguments: [now.timeIntervalSince1970, limit]
                ).map(Self.meetingSummary).filter { !shown.contains($0.id) }
                return (upcoming, past)
            }
        }
    }

    static func meetingSummary(_ row: Row) -> MeetingSummary {
        MeetingSummary(
            id: row["id"], boardId: row["board_id"], boardName: row["board_name"],
            startsAt: Date(timeIntervalSince1970: row["starts_at"]),
            status: MeetingStatus(rawValue: row["status"]) ?? .planned, location: row["location"], chair: row["chair"],
            caseCount: row["case_count"])
    }

    public func meeting(id: String) throws -> Meeting? {
        try run { try db.read { db in try Self.loadMeeting(db, id: id) } }
    }

    static func loadMeeting(_ db: Database, id: String) throws -> Meeting? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM meeting WHERE id = ?", arguments: [id]) else {
            return nil
        }
        let agenda = try Row.fetchAll(
            db, sql: "SELECT * FROM agenda_item WHERE meeting_id = ? ORDER BY position", arguments: [id]
        ).map(agendaItem)
        return Meeting(
            id: row["id"], boardId: row["board_id"], startsAt: Date(timeIntervalSince1970: row["starts_at"]),
            startedAt: (row["started_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
            endedAt: (row["ended_at"] as Double?).map(Date.init(timeIntervalSince1970:)), location: row["location"],
            chair: row["chair"], roster: try Codec.decode([Attendee].self, from: row["roster"]), agenda: agenda,
            status: MeetingStatus(rawValue: row["status"]) ?? .planned)
    }

    static func agendaItem(_ row: Row) -> AgendaItem {
        AgendaItem(
            caseId: row["case_id"], position: row["position"], presenter: row["presenter"],
            plannedMinutes: row["planned_minutes"],
            outcome: AgendaOutcome(rawValue: row["outcome"]) ?? .pending, deferReason: row["defer_reason"],
            secondsSpent: row["seconds_spent"])
    }

    /// A meeting's agenda in order, each slot with its case's headline.
    public func agenda(meetingId: String) throws -> [AgendaRow] {
        try run {
            try db.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT a.*, \(Self.headlineColumns) FROM agenda_item a
                        JOIN "case" c ON c.id = a.case_id JOIN patient p ON p.id = c.patient_id
                        WHERE a.meeting_id = ? ORDER BY a.position
                        """, arguments: [meetingId]
                ).map { AgendaRow(item: Self.agendaItem($0), headline: try Self.headline($0)) }
            }
        }
    }

    static let headlineColumns = """
        c.id AS c_id, c.status AS c_status, c.diagnosis AS c_diagnosis, c.oncotree_code AS c_code, c.stage_group AS c_stage,
        c.ecog AS c_ecog, c.missing AS c_missing, c.finding_count AS c_findings, c.top_finding AS c_top, p.pseudonym AS p_pseudonym,
        p.display_name AS p_name, p.initials AS p_initials, p.birth_date AS p_birth, p.sex AS p_sex,
        json_extract(p.body, '$.vitalStatus') AS p_vital, json_extract(p.body, '$.deceasedOn') AS p_died,
        (SELECT group_concat(json_extract(i.value, '$.value'), char(31)) FROM json_each(p.body, '$.identifiers') i)
            AS p_identifiers
        """

    static func headline(_ row: Row) throws -> CaseHeadline {
        let missing = (row["c_missing"] as String).split(separator: ",").compactMap {
            MissingItem(rawValue: String($0))
        }
        return CaseHeadline(
            id: row["c_id"], patientName: row["p_name"], pseudonym: row["p_pseudonym"], initials: row["p_initials"],
            birthDate: (row["p_birth"] as String?).flatMap(LocalDate.init),
            sex: Sex(rawValue: row["p_sex"]) ?? .unknown, diagnosis: row["c_diagnosis"], oncotreeCode: row["c_code"],
            stageGroup: row["c_stage"], ecog: row["c_ecog"], status: CaseStatus(rawValue: row["c_status"]) ?? .new,
            missing: missing, findingCount: row["c_findings"], topFinding: row["c_top"],
            vitalStatus: (row["p_vital"] as String?).flatMap(VitalStatus.init(rawValue:)) ?? .unknown,
            deceasedOn: (row["p_died"] as String?).flatMap(LocalDate.init),
            identifiers: CaseHeadline.identifiers(row["p_identifiers"]))
    }

    /// Cases not on the agenda of any meeting that is still open, and not closed themselves: deferred cases first,
    /// then the most recently updated. Read by page in two indexed walks (deferred, then the others), which stop
    /// after `offset + limit` rows instead of sorting every open case.
    public func backlog(limit: Int = 500, offset: Int = 0) throws -> [CaseHeadline] {
        try run {
            try db.read { db in
                let wanted = limit > Int.max - offset ? Int.max : offset + limit
                let select = "SELECT \(Self.headlineColumns) FROM \"case\" c"
                let join = " JOIN patient p ON p.id = c.patient_id"
                var rows = try Row.fetchAll(
                    db,
                    sql: select + join
                        + " WHERE c.status = 'deferred' AND \(Self.notOnOpenAgenda) ORDER BY c.updated_at DESC, c.id LIMIT ?",
                    arguments: [wanted])
                if rows.count < wanted {
                    rows += try Row.fetchAll(
                        db,
                        sql: select + " INDEXED BY case_recent" + join
                            + " WHERE c.status NOT IN ('closed', 'deferred') AND \(Self.notOnOpenAgenda)"
                            + " ORDER BY c.updated_at DESC, c.id LIMIT ?",
                        arguments: [wanted - rows.count])
                }
                return try rows.dropFirst(offset).map(Self.headline)
            }
        }
    }

    /// The case `c` is not on the agenda of a meeting that is still open.
    static let notOnOpenAgenda = """
        NOT EXISTS (
            SELECT 1 FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id
            WHERE a.case_id = c.id AND m.status <> 'closed')
        """

    /// How many cases are in the backlog (all of them, not one page of `backlog`): the open cases (kept per status
    /// by triggers, migration v9) less the open cases on the agendas of open meetings, a few rows either way.
    public func backlogCount() throws -> Int {
        try run {
            try db.read { db in
                let open =
                    try Int.fetchOne(db, sql: "SELECT SUM(n) FROM case_status_count WHERE status <> 'closed'") ?? 0
                let onAgenda =
                    try Int.fetchOne(
                        db,
                        sql: """
                            SELECT COUNT(DISTINCT a.case_id) FROM meeting m JOIN agenda_item a ON a.meeting_id = m.id
                            JOIN "case" c ON c.id = a.case_id WHERE m.status <> 'closed' AND c.status <> 'closed'
                            """) ?? 0
                return open - onAgenda
            }
        }
    }

    /// Cases by id, or only those on one meeting's agenda (in agenda order).
    public func cases(meetingId: String? = nil, limit: Int = 1000, offset: Int = 0) throws -> [CaseHeadline] {
        if let meetingId {
            guard try meeting(id: meetingId) != nil else { throw StoreError.notFound(kind: "meeting", id: meetingId) }
            return try agenda(meetingId: meetingId).map(\.headline)
        }
        return try run {
            try db.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT \(Self.headlineColumns) FROM "case" c JOIN patient p ON p.id = c.patient_id ORDER BY c.id LIMIT ? OFFSET ?
                        """, arguments: [limit, offset]
                ).map(Self.headline)
            }
        }
    }

    public func headline(caseId: String) throws -> CaseHeadline? {
        try run { try db.read { db in try Self.headline(db, caseId: caseId) } }
    }

    /// One case's headline inside the caller's read.
    static func headline(_ db: Database, caseId: String) throws -> CaseHeadline? {
        try Row.fetchOne(
            db,
            sql: "SELECT \(Self.headlineColumns) FROM \"case\" c JOIN patient p ON p.id = c.patient_id WHERE c.id = ?",
            arguments: [caseId]
        ).map(Self.headline)
    }

    /// How many records of each kind the store holds.
    public func counts() throws -> [String: Int] {
        try run {
            try db.read { db in
                var result: [String: Int] = [:]
                for (name, table) in [
                    ("boards", "board"), ("cases", "\"case\""), ("findings", "finding"), ("trials", "trial"),
                    ("meetings", "meeting"), ("notes", "(SELECT DISTINCT id FROM note)"), ("decisions", "decision"),
                    ("audit events", "audit_event"), ("trial matches", "trial_match"),
                ] {
                    result[name] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
                }
                return result
            }
        }
    }

    /// One case with everything the case screen shows. Matches computed on other data than the case and
    /// trial now hold (or for another age of the patient on `day`) go to `staleMatches`, never to `matches`.
    public func caseRecord(id: String, on day: LocalDate = LocalDate(Date())) throws -> CaseRecord? {
        try caseRecord(id: id, on: day, findings: .all)
    }

    /// One case for the case screen: with `.summary`, a case of more than `FindingList.wholeCaseLimit` findings holds
    /// only its matching summary and the findings its notes, decisions and evidence name (`findingsPartial`); the
    /// Molecular tab reads the rest by page (`findingPage`). The counts by kind come from the store either way.
    public func caseRecord(id: String, on day: LocalDate, findings load: CaseFindings) throws -> CaseRecord? {
        try run {
            try db.read { db in
                guard let row = try Row.fetchOne(db, sql: "SELECT body FROM \"case\" WHERE id = ?", arguments: [id])
                else { return nil }
                var record = try Codec.decode(Case.self, from: row["body"])
                let findingCounts = try FindingList.counts(db, caseId: id)
                let partial = load == .summary && findingCounts.total > FindingList.wholeCaseLimit
                let matches = try String.fetchAll(
                    db, sql: "SELECT body FROM trial_match WHERE case_id = ? ORDER BY score DESC, trial_id",
                    arguments: [id]
                )
                .map { try Codec.decode(TrialMatch.self, from: $0) }
                var trials: [String: Trial] = [:]
                for trialId in Set(matches.map(\.trialId)) {
                    if let body = try String.fetchOne(
                        db, sql: "SELECT body FROM trial WHERE id = ?", arguments: [trialId])
                    {
                        trials[trialId] = try Codec.decode(Trial.self, from: body)
                    }
                }
                let notes = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT n.* FROM note n WHERE n.case_id = ? AND n.version = (SELECT MAX(version) FROM note m WHERE m.id = n.id)
                        ORDER BY n.written_at, n.id
                        """, arguments: [id]
                ).map(Self.note)
                let decisions = try String.fetchAll(
                    db, sql: "SELECT body FROM decision WHERE case_id = ? ORDER BY rowid", arguments: [id]
                )
                .map { try Codec.decode(Decision.self, from: $0) }
                let history = try Row.fetchAll(
                    db, sql: "SELECT * FROM audit_event WHERE case_id = ? ORDER BY seq", arguments: [id]
                ).map(AuditTrail.event)
                let meetings = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT m.*, b.name AS board_name, (SELECT COUNT(*) FROM agenda_item x WHERE x.meeting_id = m.id) AS case_count
                        FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id JOIN board b ON b.id = m.board_id
                        WHERE a.case_id = ? ORDER BY m.starts_at
                        """, arguments: [id]
                ).map(Self.meetingSummary)
                if partial {
                    let named = Set(
                        notes.compactMap(\.target.findingId)
                            + decisions.flatMap { $0.recommendations.flatMap(\.findingIds) })
                    record.findings = try FindingList.summary(db, caseId: id, naming: named)
                } else {
                    record.findings = try Self.findings(db, caseId: id)
                }
                let (current, stale) = StaleMatchWalk.split(matches, of: record, trials: trials, on: day)
                return CaseRecord(
                    record: record, matches: current, trials: trials, notes: notes, decisions: decisions,
                    history: history, meetings: meetings, staleMatches: stale, findingCounts: findingCounts,
                    findingsPartial: partial)
            }
        }
    }

    /// One page of a case's findings in the Molecular tab's order (`kinds` nil: every kind).
    public func findingPage(caseId: String, kinds: [FindingKind]?, from anchor: FindingListAnchor, limit: Int) throws
        -> [FindingListRow]
    {
        try run { try db.read { try FindingList.page($0, caseId: caseId, kinds: kinds, from: anchor, limit: limit) } }
    }

    /// One finding of a case, by id.
    public func finding(caseId: String, id: String) throws -> Finding? {
        try run {
            try db.read { db in
                try Row.fetchOne(
                    db, sql: "SELECT id, kind, gene, report_id, body FROM finding WHERE case_id = ? AND id = ?",
                    arguments: [caseId, id]
                )?.finding()
            }
        }
    }

    static func note(_ row: Row) -> Note {
        Note(
            id: row["id"],
            target: NoteTarget(caseId: row["case_id"], findingId: row["finding_id"], trialId: row["trial_id"]),
            author: row["author"], text: row["text"], writtenAt: Date(timeIntervalSince1970: row["written_at"]),
            version: row["version"], meetingId: row["meeting_id"])
    }

    public func trial(id: String) throws -> Trial? {
        try run {
            try db.read { db in
                try String.fetchOne(db, sql: "SELECT body FROM trial WHERE id = ?", arguments: [id]).map {
                    try Codec.decode(Trial.self, from: $0)
                }
            }
        }
    }

    public func trials() throws -> [Trial] {
        try run {
            try db.read { db in
                try String.fetchAll(db, sql: "SELECT body FROM trial ORDER BY id").map {
                    try Codec.decode(Trial.self, from: $0)
                }
            }
        }
    }

    /// Full-text search over patients, cases, findings, notes and trials; accents fold ("nunez" finds "Núñez").
    public func search(_ text: String, limit: Int = 50) throws -> [SearchHit] {
        guard let query = SearchIndex.query(from: text) else { return [] }
        return try run {
            try db.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT r.kind, r.ref, r.case_id, r.label, snippet(search, 1, '«', '»', '…', 10) AS snip
                        FROM search s JOIN search_ref r ON r.doc = s.rowid
                        WHERE search MATCH ? ORDER BY bm25(search, 5.0, 1.0) LIMIT ?
                        """, arguments: [query, limit]
                ).map {
                    SearchHit(
                        kind: $0["kind"], ref: $0["ref"], caseId: $0["case_id"], title: $0["label"], snippet: $0["snip"]
                    )
                }
            }
        }
    }

    /// Audit events for one case, or the whole trail.
    public func auditEvents(caseId: String? = nil, limit: Int = 1000) throws -> [AuditEvent] {
        try run {
            try db.read { db in
                if let caseId {
                    return try Row.fetchAll(
                        db, sql: "SELECT * FROM audit_event WHERE case_id = ? ORDER BY seq DESC LIMIT ?",
                        arguments: [caseId, limit]
                    )
                    .map(AuditTrail.event).reversed()
                }
                return try Row.fetchAll(
                    db, sql: "SELECT * FROM audit_event ORDER BY seq DESC LIMIT ?", arguments: [limit]
                ).map(AuditTrail.event).reversed()
            }
        }
    }
}
