import BoardModel
import Foundation

/// Importing a bundle of records into PostgreSQL in one transaction, keyed by id and audited as on SQLite
/// (RecordWriter): boards, cases with their findings (sent with COPY), trials, meetings with their agendas, notes and
/// decisions, then outcomes (PostgresBoardStore+Outcomes). Lab files and case lists: PostgresBoardStore+Findings
/// and +CaseList.
extension PostgresBoardStore {
    @discardableResult
    public func importBundle(
        _ bundle: BoardBundle, dryRun: Bool, now: Date, progress: (@Sendable (Int, Int) -> Void)?
    ) throws -> ImportSummary {
        try inImport(dryRun: dryRun) { try write(bundle, now: now, knowledge: try evidenceIndex(), progress: progress) }
    }

    /// Runs an import's writes in one transaction, rolled back for a dry run (which still says what would change).
    func inImport(dryRun: Bool, _ body: () throws -> ImportSummary) throws -> ImportSummary {
        do {
            return try run {
                try connection.transaction {
                    let summary = try body()
                    if dryRun { throw DryRun(summary: summary) }
                    return summary
                }
            }
        } catch let dryRun as DryRun {
            return dryRun.summary
        }
    }

    /// Writes a bundle's records inside the caller's transaction.
    /// `knowledge`: the evidence the store keeps, applied to the findings of the cases written.
    func write(
        _ bundle: BoardBundle, now: Date, knowledge: EvidenceIndex, progress: (@Sendable (Int, Int) -> Void)?
    ) throws -> ImportSummary {
        var summary = ImportSummary()
        let total =
            bundle.boards.count + bundle.cases.count + bundle.trials.count + bundle.meetings.count
            + bundle.notes.count + bundle.decisions.count
        var done = 0
        func tick() {
            done += 1
            if let progress, done % 500 == 0 || done == total { progress(done, total) }
        }
        for board in bundle.boards {
            summary.note("board", try writeBoard(board))
            tick()
        }
        let batch = CaseWriteBatch()
        for record in bundle.cases {
            summary.note("case", try writeCase(record, now: now, knowledge: knowledge, batch: batch), id: record.id)
            tick()
        }
        try batch.flush(on: connection)
        for change in batch.findings { summary.note("finding", change) }
        for trial in bundle.trials {
            let stored = try connection.query("SELECT body FROM trial WHERE id = $1", [trial.id]).first.map {
                try Codec.decode(Trial.self, from: $0.text("body"))
            }
            summary.note("trial", summary.admit(trial, over: stored) ? try writeTrial(trial) : .unchanged, id: trial.id)
            tick()
        }
        for meeting in bundle.meetings {
            try requireBoard(meeting.boardId, for: "meeting \(meeting.id)")
            for item in meeting.agenda { try requireCase(item.caseId, for: "agenda of meeting \(meeting.id)") }
            summary.note("meeting", try writeMeeting(meeting, now: now, summary: &summary))
            tick()
        }
        for note in bundle.notes {
            try requireCase(note.target.caseId, for: "note \(note.id)")
            summary.note("note", try writeImportedNote(note, now: now))
            tick()
        }
        for decision in bundle.decisions {
            try requireCase(decision.caseId, for: "decision \(decision.id)")
            let problems = decision.validationErrors(forSigning: decision.status != .draft)
            if let first = problems.first { throw StoreError.invalid("decision \(decision.id): \(first)") }
            summary.note("decision", try writeImportedDecision(decision, now: now))
            tick()
        }
        // Outcomes after the decisions they follow; one the case already has is left as it is (a re-import adds none).
        for outcome in bundle.outcomes { try requireCase(outcome.caseId, for: "outcome \(outcome.id)") }
        let outcomes = try insertOutcomes(bundle.outcomes, today: LocalDate(now), now: now)
        for _ in outcomes.added { summary.note("outcome", .created) }
        for _ in outcomes.duplicates { summary.note("outcome", .unchanged) }
        return summary
    }

    /// Thrown to roll a dry run back; carries what would have changed.
    private struct DryRun: Error {
        var summary: ImportSummary
    }

    private func requireCase(_ id: String, for what: String) throws {
        if try connection.query("SELECT 1 FROM \"case\" WHERE id = $1", [id]).count == 0 {
            throw StoreError.invalid("\(what) refers to case \(id), which is neither in the store nor in the import")
        }
    }

    private func requireBoard(_ id: String, for what: String) throws {
        if try connection.query("SELECT 1 FROM board WHERE id = $1", [id]).count == 0 {
            throw StoreError.invalid("\(what) refers to board \(id), which is neither in the store nor in the import")
        }
    }

    private func writeBoard(_ board: Board) throws -> ImportSummary.Change {
        let existing = try connection.query("SELECT name, site FROM board WHERE id = $1", [board.id]).first
        if let existing, existing["name"] == board.name, existing["site"] == board.site { return .unchanged }
        try connection.query(
            """
            INSERT INTO board(id, name, site) VALUES ($1, $2, $3)
            ON CONFLICT(id) DO UPDATE SET name = excluded.name, site = excluded.site
            """, [board.id, board.name, board.site])
        return existing == nil ? .created : .updated
    }

    private func writeTrial(_ trial: Trial) throws -> ImportSummary.Change {
        let body = try Codec.encode(trial)
        let existing = try connection.query("SELECT body FROM trial WHERE id = $1", [trial.id]).first?["body"]
        if existing == body { return .unchanged }
        try connection.query(
            """
            INSERT INTO trial(id, title, phase, status, body) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT(id) DO UPDATE SET title = excluded.title, phase = excluded.phase, status = excluded.status,
              body = excluded.body
            """, [trial.id, trial.title, trial.phase, trial.status.rawValue, body])
        try putSearch(.trial(trial))
        return existing == nil ? .created : .updated
    }

    /// Saves a meeting and replaces its agenda; agenda additions, removals and outcome changes are audited.
    private func writeMeeting(_ meeting: Meeting, now: Date, summary: inout ImportSummary) throws
        -> ImportSummary.Change
    {
        let roster = try Codec.encode(meeting.roster)
        let values: [String?] = [
            meeting.id, meeting.boardId, PGValue.time(meeting.startsAt), meeting.endedAt.map(PGValue.time),
            meeting.location, meeting.chair, meeting.status.rawValue, roster,
        ]
        var change: ImportSummary.Change = .unchanged
        if let existing = try connection.query(
            "SELECT board_id, starts_at, ended_at, location, chair, status, roster FROM meeting WHERE id = $1 FOR UPDATE",
            [meeting.id]
        ).first {
            let same =
                existing["board_id"] == meeting.boardId && existing.date("starts_at") == meeting.startsAt
                && existing.date("ended_at") == meeting.endedAt && existing["location"] == meeting.location
                && existing["chair"] == meeting.chair && existing["status"] == meeting.status.rawValue
                && existing["roster"] == roster
            if !same {
                try connection.query(
                    """
                    UPDATE meeting SET board_id = $2, starts_at = $3, ended_at = $4, location = $5, chair = $6, status = $7,
                      roster = $8 WHERE id = $1
                    """, values)
                change = .updated
                if existing["status"] != meeting.status.rawValue {
                    try appendAudit(
                        action: "meeting.status", entity: "meeting", entityId: meeting.id, before: existing["status"],
                        after: meeting.status.rawValue, at: now)
                }
            }
        } else {
            try connection.query(
                """
                INSERT INTO meeting(id, board_id, starts_at, ended_at, location, chair, status, roster)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                """, values)
            change = .created
        }
        let agendaChanged = try writeAgenda(meeting, now: now, summary: &summary)
        if change == .unchanged && agendaChanged { change = .updated }
        return change
    }

    private func writeAgenda(_ meeting: Meeting, now: Date, summary: inout ImportSummary) throws -> Bool {
        var old: [String: PGRow] = [:]
        for row in try connection.query("SELECT * FROM agenda_item WHERE meeting_id = $1", [meeting.id]) {
            old[row.text("case_id")] = row
        }
        var changed = false
        for item in meeting.agenda {
            let values: [String?] = [
                meeting.id, item.caseId, String(item.position), item.presenter, item.plannedMinutes.map(String.init),
                item.outcome.rawValue, item.deferReason, item.secondsSpent.map(String.init),
            ]
            if let row = old.removeValue(forKey: item.caseId) {
                let same =
                    row.int("position") == item.position && row["presenter"] == item.presenter
                    && row.int("planned_minutes") == item.plannedMinutes && row["outcome"] == item.outcome.rawValue
                    && row["defer_reason"] == item.deferReason && row.int("seconds_spent") == item.secondsSpent
                if same {
                    summary.note("agenda item", .unchanged)
                    continue
                }
                try connection.query(
                    """
                    UPDATE agenda_item SET position = $3, presenter = $4, planned_minutes = $5, outcome = $6,
                      defer_reason = $7, seconds_spent = $8 WHERE meeting_id = $1 AND case_id = $2
                    """, values)
                if row["outcome"] != item.outcome.rawValue {
                    try appendAudit(
                        action: "agenda.outcome", entity: "meeting", entityId: meeting.id, caseId: item.caseId,
                        before: row["outcome"], after: item.outcome.rawValue, at: now)
                } else {
                    try appendAudit(
                        action: "agenda.update", entity: "meeting", entityId: meeting.id, caseId: item.caseId,
                        before: "position \(row.text("position"))", after: "position \(item.position)", at: now)
                }
                summary.note("agenda item", .updated)
            } else {
                try connection.query(
                    """
                    INSERT INTO agenda_item(meeting_id, case_id, position, presenter, planned_minutes, outcome, defer_reason,
                      seconds_spent) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                    """, values)
                try appendAudit(
                    action: "agenda.add", entity: "meeting", entityId: meeting.id, caseId: item.caseId,
                    after: "position \(item.position)", at: now)
                summary.note("agenda item", .created)
            }
            changed = true
        }
        for caseId in old.keys.sorted() {
            try connection.query(
                "DELETE FROM agenda_item WHERE meeting_id = $1 AND case_id = $2", [meeting.id, caseId])
            try appendAudit(
                action: "agenda.remove", entity: "meeting", entityId: meeting.id, caseId: caseId, at: now)
            changed = true
        }
        return changed
    }

    /// One version of a note as a file gives it (an id with a new version adds to its history).
    private func writeImportedNote(_ note: Note, now: Date) throws -> ImportSummary.Change {
        let existing = try connection.query(
            "SELECT text, author FROM note WHERE id = $1 AND version = $2", [note.id, String(note.version)]
        ).first
        if let existing, existing["text"] == note.text, existing["author"] == note.author { return .unchanged }
        try connection.query(
            """
            INSERT INTO note(id, version, case_id, finding_id, trial_id, author, written_at, meeting_id, text)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT(id, version) DO UPDATE SET text = excluded.text, author = excluded.author,
              written_at = excluded.written_at
            """,
            [
                note.id, String(note.version), note.target.caseId, note.target.findingId, note.target.trialId,
                note.author, PGValue.time(note.writtenAt), note.meetingId, note.text,
            ])
        try putSearch(.note(note))
        try appendAudit(
            action: existing == nil ? (note.version == 1 ? "note.add" : "note.edit") : "note.update", entity: "note",
            entityId: note.id, caseId: note.target.caseId, before: existing?["text"], after: note.text, at: now)
        return existing == nil ? .created : .updated
    }

    /// A decision record as a file gives it; interactive saves go through `saveDecision`.
    private func writeImportedDecision(_ decision: Decision, now: Date) throws -> ImportSummary.Change {
        let body = try Codec.encode(decision)
        let existing = try connection.query("SELECT body FROM decision WHERE id = $1", [decision.id]).first?["body"]
        if existing == body { return .unchanged }
        try connection.query(
            """
            INSERT INTO decision(id, case_id, meeting_id, version, status, amends, body) VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT(id) DO UPDATE SET case_id = excluded.case_id, meeting_id = excluded.meeting_id,
              version = excluded.version, status = excluded.status, amends = excluded.amends, body = excluded.body
            """,
            [
                decision.id, decision.caseId, decision.meetingId, String(decision.version), decision.status.rawValue,
                decision.amends, body,
            ])
        try appendAudit(
            action: existing == nil ? "decision.record" : "decision.update", entity: "decision",
            entityId: decision.id, caseId: decision.caseId, before: existing, after: body, at: now)
        return existing == nil ? .created : .updated
    }
}
