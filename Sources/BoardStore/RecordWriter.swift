import BoardModel
import Foundation
import GRDB

/// Upserts of whole records inside a write transaction, each reporting whether it created, changed or kept a row,
/// and each appending the audit events the change calls for.
struct RecordWriter {
    let db: Database
    let user: String
    let now: Date
    /// Evidence the store keeps, added to the findings of the cases written (see EvidenceIndex).
    var knowledge: EvidenceIndex? = nil

    func board(_ board: Board) throws -> ImportSummary.Change {
        let existing = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT name, site FROM board WHERE id = ?"), arguments: [board.id])
        if let existing, existing["name"] == board.name, existing["site"] as String? == board.site { return .unchanged }
        try db.cachedStatement(
            sql:
                "INSERT INTO board(id, name, site) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, site = excluded.site"
        )
        .execute(arguments: [board.id, board.name, board.site])
        return existing == nil ? .created : .updated
    }

    /// Saves a case with its patient and findings. The record's own findings are replaced as a set; findings that
    /// lab files (VCF, MAF) attached, or that came with a report this imported record does not carry (another FHIR
    /// bundle's DiagnosticReport), stay with their reports unless the record itself holds them.
    func `case`(_ record: Case, summary: inout ImportSummary) throws -> ImportSummary.Change {
        var record = record
        knowledge?.apply(toFindingsOf: &record)
        let existing = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT status, patient_id, body FROM \"case\" WHERE id = ?"),
            arguments: [record.id])
        if let owner = existing?["patient_id"] as String?, owner != record.patient.id {
            let ownerPatient = try
                (String.fetchOne(db.cachedStatement(sql: "SELECT body FROM patient WHERE id = ?"), arguments: [owner]))
                .map { try Codec.decode(Patient.self, from: $0) }
            record.patient.id = try CaseIdentityCheck.keptPatientId(
                of: record, owner: owner, ownerPatient: ownerPatient)
        }
        let oldCase = try (existing?["body"] as String?).map { try Codec.decode(Case.self, from: $0) }
        let rewrite = try RecordRewrite(record, over: oldCase, stored: try storedFindings(caseId: record.id))
        record = rewrite.record
        let body = try Codec.encode(rewrite.shell)
        let caseChanged = existing?["body"] as String? != body
        try savePatient(record.patient)
        guard caseChanged || rewrite.findingsChanged else {
            for _ in record.findings { summary.note("finding", .unchanged) }
            return .unchanged
        }
        try saveCaseRow(rewrite, body: body)
        try auditCase(record, oldStatus: existing?["status"], updated: existing != nil && caseChanged)
        if rewrite.findingsChanged {
            try replaceFindings(rewrite, audited: existing != nil, summary: &summary)
        } else {
            for _ in record.findings { summary.note("finding", .unchanged) }
        }
        try SearchIndex.indexCase(
            db, record,
            labFileTerms: rewrite.kept.isEmpty
                ? [] : try SearchIndex.findingLabels(db, caseId: record.id, labFilesOnly: true))
        return existing == nil ? .created : .updated
    }

    /// The patient row; name, initials, birth date and sex are kept as columns too, so lists never decode patient
    /// JSON. A patient whose body is unchanged is not rewritten.
    private func savePatient(_ patient: Patient) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO patient(id, pseudonym, display_name, initials, birth_date, sex, body) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET pseudonym = excluded.pseudonym, display_name = excluded.display_name, initials = excluded.initials,
                  birth_date = excluded.birth_date, sex = excluded.sex, body = excluded.body WHERE body <> excluded.body
                """
        ).execute(arguments: [
            patient.id, patient.pseudonym, patient.name.display, patient.initials, patient.birthDate?.description,
            patient.sex.rawValue, try Codec.encode(patient),
        ])
    }

    /// The case row with the columns the lists read (status, diagnosis, what is missing, the finding count and the
    /// strongest finding), so a list never decodes the body.
    private func saveCaseRow(_ rewrite: RecordRewrite, body: String) throws {
        let record = rewrite.record
        try db.cachedStatement(
            sql: """
                INSERT INTO "case"(id, patient_id, status, oncotree_code, diagnosis, stage_group, ecog, missing, finding_count, top_finding, body, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET patient_id = excluded.patient_id, status = excluded.status, oncotree_code = excluded.oncotree_code,
                  diagnosis = excluded.diagnosis, stage_group = excluded.stage_group, ecog = excluded.ecog, missing = excluded.missing,
                  finding_count = excluded.finding_count, top_finding = excluded.top_finding, body = excluded.body, updated_at = excluded.updated_at
                """
        ).execute(arguments: [
            record.id, record.patient.id, record.status.rawValue, record.diagnosis.oncotreeCode,
            record.diagnosis.text, record.stage?.group, record.performance?.ecog,
            rewrite.missing.map(\.rawValue).joined(separator: ","), rewrite.findingCount, rewrite.topFinding,
            body, now.timeIntervalSince1970,
        ])
    }

    /// A changed status, and a change to a case that existed, each leave an audit event.
    private func auditCase(_ record: Case, oldStatus: String?, updated: Bool) throws {
        if oldStatus != record.status.rawValue {
            try AuditTrail.append(
                db, user: user, action: "case.status", entity: "case", entityId: record.id, caseId: record.id,
                before: oldStatus, after: record.status.rawValue, at: now)
        }
        if updated {
            try AuditTrail.append(
                db, user: user, action: "case.update", entity: "case", entityId: record.id, caseId: record.id, at: now)
        }
    }

    /// Replaces the record's own findings as a set; the kept lab-file rows move after them. Each finding is noted
    /// as created, changed or kept by its id and content; `audited` (a case that existed) audits the new count.
    private func replaceFindings(_ rewrite: RecordRewrite, audited: Bool, summary: inout ImportSummary) throws {
        let record = rewrite.record
        let old = Dictionary(rewrite.storedOwn.map { ($0.id, $0.content) }, uniquingKeysWith: { a, _ in a })
        for row in rewrite.storedOwn {
            try db.cachedStatement(sql: "DELETE FROM finding WHERE case_id = ? AND id = ?").execute(arguments: [
                record.id, row.id,
            ])
        }
        if rewrite.keptMustMove {
            try db.cachedStatement(sql: "UPDATE finding SET position = position + ? WHERE case_id = ?").execute(
                arguments: [record.findings.count, record.id])
        }
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO finding(case_id, id, position, kind, gene, label, best_rank, report_id, body, filtered, partnered, germline) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for (position, finding) in record.findings.enumerated() {
            let row = rewrite.newFindings[position]
            var body = row.body
            let flags = body.withUTF8 { CaseFactsIndex.flags(body: $0) }
            try insert.execute(arguments: [
                record.id, finding.id, position, row.kind, row.gene, finding.label, row.rank, row.reportId,
                row.body, finding.isFiltered, flags.partnered, flags.germline,
            ])
            summary.note(
                "finding", old[finding.id] == nil ? .created : (old[finding.id] == row.content ? .unchanged : .updated))
        }
        if audited {
            try AuditTrail.append(
                db, user: user, action: "case.findings", entity: "case", entityId: record.id, caseId: record.id,
                before: "\(rewrite.storedOwn.count + rewrite.kept.count) findings",
                after: "\(rewrite.findingCount) findings", at: now)
        }
    }

    /// A case's stored findings in order, read once: their content decides "changed", their ids "created or updated".
    private func storedFindings(caseId: String) throws -> [StoredFinding] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT id, kind, gene, label, best_rank, report_id, position, body FROM finding WHERE case_id = ? ORDER BY position
                    """), arguments: [caseId]
        ).map(StoredFinding.init(row:))
    }

    func trial(_ trial: Trial) throws -> ImportSummary.Change {
        let body = try Codec.encode(trial)
        let existing = try String.fetchOne(
            db.cachedStatement(sql: "SELECT body FROM trial WHERE id = ?"), arguments: [trial.id])
        if existing == body { return .unchanged }
        try db.cachedStatement(
            sql: """
                INSERT INTO trial(id, title, phase, status, body) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET title = excluded.title, phase = excluded.phase, status = excluded.status, body = excluded.body
                """
        ).execute(arguments: [trial.id, trial.title, trial.phase, trial.status.rawValue, body])
        try SearchIndex.indexTrial(db, trial)
        return existing == nil ? .created : .updated
    }

    /// Saves a meeting and replaces its agenda; agenda additions, removals and outcome changes are audited.
    func meeting(_ meeting: Meeting, summary: inout ImportSummary) throws -> ImportSummary.Change {
        let roster = try Codec.encode(meeting.roster)
        let existing = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM meeting WHERE id = ?"), arguments: [meeting.id])
        let args: StatementArguments = [
            meeting.id, meeting.boardId, meeting.startsAt.timeIntervalSince1970, meeting.endedAt?.timeIntervalSince1970,
            meeting.location, meeting.chair, meeting.status.rawValue, roster,
        ]
        var change: ImportSummary.Change = .unchanged
        if let existing {
            let same =
                existing["board_id"] == meeting.boardId
                && existing["starts_at"] == meeting.startsAt.timeIntervalSince1970
                && existing["ended_at"] as Double? == meeting.endedAt?.timeIntervalSince1970
                && existing["location"] as String? == meeting.location
                && existing["chair"] as String? == meeting.chair && existing["status"] == meeting.status.rawValue
                && existing["roster"] == roster
            if !same {
                try db.execute(
                    sql:
                        "UPDATE meeting SET board_id = ?, starts_at = ?, ended_at = ?, location = ?, chair = ?, status = ?, roster = ? WHERE id = ?",
                    arguments: [
                        meeting.boardId, meeting.startsAt.timeIntervalSince1970, meeting.endedAt?.timeIntervalSince1970,
                        meeting.location, meeting.chair, meeting.status.rawValue, roster, meeting.id,
                    ])
                change = .updated
                let before: String? = existing["status"]
                if before != meeting.status.rawValue {
                    try AuditTrail.append(
                        db, user: user, action: "meeting.status", entity: "meeting", entityId: meeting.id,
                        before: before, after: meeting.status.rawValue, at: now)
                }
            }
        } else {
            try db.execute(
                sql:
                    "INSERT INTO meeting(id, board_id, starts_at, ended_at, location, chair, status, roster) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                arguments: args)
            change = .created
        }
        let agendaChanged = try agenda(meeting, summary: &summary)
        if change == .unchanged && agendaChanged { change = .updated }
        return change
    }

    private func agenda(_ meeting: Meeting, summary: inout ImportSummary) throws -> Bool {
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM agenda_item WHERE meeting_id = ?", arguments: [meeting.id])
        var old: [String: Row] = [:]
        for row in rows { old[row["case_id"]] = row }
        var changed = false
        for item in meeting.agenda {
            let args: StatementArguments = [
                meeting.id, item.caseId, item.position, item.presenter, item.plannedMinutes,
                item.outcome.rawValue, item.deferReason, item.secondsSpent,
            ]
            if let row = old.removeValue(forKey: item.caseId) {
                let same =
                    row["position"] == item.position && row["presenter"] as String? == item.presenter
                    && row["planned_minutes"] as Int? == item.plannedMinutes && row["outcome"] == item.outcome.rawValue
                    && row["defer_reason"] as String? == item.deferReason
                    && row["seconds_spent"] as Int? == item.secondsSpent
                if same {
                    summary.note("agenda item", .unchanged)
                    continue
                }
                try db.execute(
                    sql: """
                        UPDATE agenda_item SET position = ?3, presenter = ?4, planned_minutes = ?5, outcome = ?6, defer_reason = ?7, seconds_spent = ?8
                        WHERE meeting_id = ?1 AND case_id = ?2
                        """, arguments: args)
                let before: String = row["outcome"]
                if before != item.outcome.rawValue {
                    try AuditTrail.append(
                        db, user: user, action: "agenda.outcome", entity: "meeting", entityId: meeting.id,
                        caseId: item.caseId,
                        before: before, after: item.outcome.rawValue, at: now)
                } else {
                    try AuditTrail.append(
                        db, user: user, action: "agenda.update", entity: "meeting", entityId: meeting.id,
                        caseId: item.caseId,
                        before: "position \(row["position"] as Int)", after: "position \(item.position)", at: now)
                }
                summary.note("agenda item", .updated)
            } else {
                try db.execute(
                    sql: """
                        INSERT INTO agenda_item(meeting_id, case_id, position, presenter, planned_minutes, outcome, defer_reason, seconds_spent)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: args)
                try AuditTrail.append(
                    db, user: user, action: "agenda.add", entity: "meeting", entityId: meeting.id, caseId: item.caseId,
                    after: "position \(item.position)", at: now)
                summary.note("agenda item", .created)
            }
            changed = true
        }
        for (caseId, _) in old.sorted(by: { $0.key < $1.key }) {
            try db.execute(
                sql: "DELETE FROM agenda_item WHERE meeting_id = ? AND case_id = ?", arguments: [meeting.id, caseId])
            try AuditTrail.append(
                db, user: user, action: "agenda.remove", entity: "meeting", entityId: meeting.id, caseId: caseId,
                at: now)
            changed = true
        }
        return changed
    }

    /// Saves one version of a note (an id with a new version adds to its history).
    func note(_ note: Note) throws -> ImportSummary.Change {
        let existing = try Row.fetchOne(
            db, sql: "SELECT text, author FROM note WHERE id = ? AND version = ?", arguments: [note.id, note.version])
        if let existing, existing["text"] == note.text, existing["author"] == note.author { return .unchanged }
        try db.execute(
            sql: """
                INSERT INTO note(id, version, case_id, finding_id, trial_id, author, written_at, meeting_id, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id, version) DO UPDATE SET text = excluded.text, author = excluded.author, written_at = excluded.written_at
                """,
            arguments: [
                note.id, note.version, note.target.caseId, note.target.findingId, note.target.trialId, note.author,
                note.writtenAt.timeIntervalSince1970, note.meetingId, note.text,
            ])
        try AuditTrail.append(
            db, user: user, action: existing == nil ? (note.version == 1 ? "note.add" : "note.edit") : "note.update",
            entity: "note", entityId: note.id, caseId: note.target.caseId,
            before: existing?["text"], after: note.text, at: now)
        try SearchIndex.indexNote(db, note)
        return existing == nil ? .created : .updated
    }

    /// Saves a decision record as given (used by import); interactive saves go through `BoardStore.saveDecision`.
    func decision(_ decision: Decision) throws -> ImportSummary.Change {
        let body = try Codec.encode(decision)
        let existing = try String.fetchOne(db, sql: "SELECT body FROM decision WHERE id = ?", arguments: [decision.id])
        if existing == body { return .unchanged }
        try db.execute(
            sql: """
                INSERT INTO decision(id, case_id, meeting_id, version, status, amends, body) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET case_id = excluded.case_id, meeting_id = excluded.meeting_id, version = excluded.version,
                  status = excluded.status, amends = excluded.amends, body = excluded.body
                """,
            arguments: [
                decision.id, decision.caseId, decision.meetingId, decision.version, decision.status.rawValue,
                decision.amends, body,
            ])
        try AuditTrail.append(
            db, user: user, action: existing == nil ? "decision.record" : "decision.update", entity: "decision",
            entityId: decision.id, caseId: decision.caseId, before: existing, after: body, at: now)
        return existing == nil ? .created : .updated
    }
}
