import BoardModel
import Foundation

/// Notes on PostgreSQL: versioned rows, audited as on SQLite; an edit of a version someone else has moved past is
/// refused with both texts (NoteConflict). Ids are numbered per case under a per-case lock, so two sites adding a
/// note to the same case at once get two numbers.
extension PostgresBoardStore: NoteStore {
    @discardableResult
    public func addNote(
        caseId: String, findingId: String?, trialId: String?, text: String, meetingId: String?, now: Date
    ) throws -> Note {
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { throw StoreError.invalid("a note needs some text") }
        return try run {
            try connection.transaction {
                try insertNote(
                    caseId: caseId, findingId: findingId, trialId: trialId, text: body, meetingId: meetingId, now: now)
            }
        }
    }

    /// `addNote` inside the caller's transaction (the follow-up queue writes its reason with the agenda change).
    func insertNote(
        caseId: String, findingId: String?, trialId: String?, text body: String, meetingId: String?, now: Date
    ) throws -> Note {
        guard try connection.query("SELECT 1 FROM \"case\" WHERE id = $1", [caseId]).count > 0 else {
            throw StoreError.notFound(kind: "case", id: caseId)
        }
        if let findingId,
            try connection.query(
                "SELECT 1 FROM finding WHERE id = $1 AND case_id = $2", [findingId, caseId]
            ).count == 0
        {
            throw StoreError.notFound(kind: "finding", id: findingId)
        }
        try connection.query("SELECT pg_advisory_xact_lock(hashtext('tumorboard.note.' || $1))", [caseId])
        let prefix = "N-\(caseId)-"
        let ids = try connection.query(
            "SELECT DISTINCT id FROM note WHERE case_id = $1 AND starts_with(id, $2)", [caseId, prefix])
        let numbers = ids.compactMap { $0[0].flatMap { Int($0.dropFirst(prefix.count)) } }
        let note = Note(
            id: prefix + String((numbers.max() ?? 0) + 1),
            target: NoteTarget(caseId: caseId, findingId: findingId, trialId: trialId), author: user,
            text: body, writtenAt: now, version: 1, meetingId: meetingId)
        try writeNote(note, action: "note.add", before: nil, now: now)
        return note
    }

    @discardableResult
    public func editNote(id: String, expectedVersion: Int, text: String, now: Date) throws -> Note {
        try run {
            try connection.transaction {
                // The note's rows are locked, so two sites saving the same version at once: one wins, one conflicts.
                guard
                    let row = try connection.query(
                        "SELECT * FROM note WHERE id = $1 ORDER BY version DESC LIMIT 1 FOR UPDATE", [id]
                    ).first
                else {
                    throw StoreError.notFound(kind: "note", id: id)
                }
                let latest = Self.note(row)
                if latest.version != expectedVersion { throw NoteConflict(mine: text, theirs: latest) }
                var next = latest
                next.version += 1
                next.text = text
                next.author = user
                next.writtenAt = now
                try writeNote(next, action: "note.edit", before: latest.text, now: now)
                return next
            }
        }
    }

    public func noteVersions(id: String) throws -> [Note] {
        try run { try connection.query("SELECT * FROM note WHERE id = $1 ORDER BY version", [id]).map(Self.note) }
    }

    private func writeNote(_ note: Note, action: String, before: String?, now: Date) throws {
        try connection.query(
            """
            INSERT INTO note(id, version, case_id, finding_id, trial_id, author, written_at, meeting_id, text)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """,
            [
                note.id, String(note.version), note.target.caseId, note.target.findingId, note.target.trialId,
                note.author, PGValue.time(note.writtenAt), note.meetingId, note.text,
            ])
        try putSearch(.note(note))
        try appendAudit(
            action: action, entity: "note", entityId: note.id, caseId: note.target.caseId, before: before,
            after: note.text, at: now)
    }
}
