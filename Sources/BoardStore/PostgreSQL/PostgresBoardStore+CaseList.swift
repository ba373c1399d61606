import BoardModel
import Foundation

/// A spreadsheet case list imported into PostgreSQL with the rules of BoardStore+CaseList: in one transaction, each
/// row finds its case by id, else by the patient's MRN (their most recently updated open case), else makes one
/// (`C-NNNN`), and the cases go on the meeting's agenda in list order; on any error nothing is written.
extension PostgresBoardStore {
    @discardableResult
    public func importCaseList(
        _ items: [CaseListItem], meetingId: String, file: String, dryRun: Bool, now: Date
    ) throws -> CaseListSummary {
        var result = CaseListSummary()
        _ = try inImport(dryRun: dryRun) {
            result = try writeCaseList(items, meetingId: meetingId, file: file, now: now)
            return ImportSummary()
        }
        return result
    }

    private func writeCaseList(_ items: [CaseListItem], meetingId: String, file: String, now: Date) throws
        -> CaseListSummary
    {
        var summary = CaseListSummary()
        try connection.query("SELECT 1 FROM meeting WHERE id = $1 FOR UPDATE", [meetingId])
        let meeting = try MeetingRules.requireOpen(loadMeeting(meetingId), id: meetingId)
        var onAgenda = Set(meeting.agenda.map(\.caseId))
        var position = meeting.agenda.count
        var placed: [(caseId: String, position: Int)] = []
        for item in items {
            var existing: Case?
            var patient: Patient?
            if let id = item.caseId { existing = try loadCase(id) }
            if existing == nil, let mrn = item.mrn {
                (existing, patient) = try caseByMRN(mrn, wantCase: item.caseId == nil)
            }
            let (record, change) = try CaseListRules.resolve(
                item, existing: existing, patient: patient, file: file
            ) { try nextCaseId() }
            if change != .unchanged { try writeCase(record, now: now) }
            summary.record(record.id, change)
            if let wanted = item.position { placed.append((record.id, wanted)) }
            if onAgenda.contains(record.id) {
                // Already on the agenda: the list's presenter and minutes still apply.
                summary.alreadyOnAgenda.append(record.id)
                guard let slot = try loadMeeting(meetingId)?.agenda.first(where: { $0.caseId == record.id }),
                    let changed = try CaseListRules.changedSlot(slot, item)
                else { continue }
                try connection.query(
                    "UPDATE agenda_item SET presenter = $1, planned_minutes = $2 WHERE meeting_id = $3 AND case_id = $4",
                    [changed.presenter, changed.plannedMinutes.map(String.init), meetingId, record.id])
                try appendAudit(
                    action: "agenda.update", entity: "meeting", entityId: meetingId, caseId: record.id,
                    before: MeetingRules.slotText(slot), after: MeetingRules.slotText(changed), at: now)
                continue
            }
            position = try CaseListRules.nextPosition(after: position, adding: record, item, file: file)
            try connection.query(
                """
                INSERT INTO agenda_item(meeting_id, case_id, position, presenter, planned_minutes, outcome)
                VALUES ($1, $2, $3, $4, $5, 'pending')
                """,
                [meetingId, record.id, String(position), item.presenter, item.plannedMinutes.map(String.init)])
            try appendAudit(
                action: "agenda.add", entity: "meeting", entityId: meetingId, caseId: record.id,
                after: CaseListRules.addedText(position: position, file: file), at: now)
            try setStatusLocked(caseId: record.id, to: .onAgenda, now: now)
            onAgenda.insert(record.id)
            summary.added.append(record.id)
        }
        if !placed.isEmpty {
            let current = try connection.query(
                "SELECT case_id FROM agenda_item WHERE meeting_id = $1 ORDER BY position", [meetingId]
            ).map { $0.text("case_id") }
            try renumber(
                meetingId: meetingId, order: CaseListRules.order(current, placing: placed), now: now, audit: true)
        }
        return summary
    }

    /// The patient with this MRN and (when `wantCase`) their most recently updated open case.
    private func caseByMRN(_ mrn: String, wantCase: Bool) throws -> (Case?, Patient?) {
        for row in try connection.query("SELECT id, body FROM patient WHERE strpos(body, $1) > 0", [mrn]) {
            let patient = try Codec.decode(Patient.self, from: row.text("body"))
            guard patient.identifiers.contains(where: { $0.kind == .mrn && $0.value == mrn }) else { continue }
            guard wantCase else { return (nil, patient) }
            let caseId = try connection.query(
                """
                SELECT id FROM "case" WHERE patient_id = $1 AND status <> 'closed'
                ORDER BY updated_at DESC, id COLLATE "C" DESC LIMIT 1
                """, [patient.id]
            ).first?[0]
            return (try caseId.flatMap { try loadCase($0) }, patient)
        }
        return (nil, nil)
    }

    /// The next free "C-NNNN" id.
    private func nextCaseId() throws -> String {
        let ids = try connection.query("SELECT id FROM \"case\" WHERE id LIKE 'C-%'").map { $0.text("id") }
        return try CaseListRules.nextCaseId(ids) {
            try connection.query("SELECT 1 FROM \"case\" WHERE id = $1", [$0]).count > 0
        }
    }
}
