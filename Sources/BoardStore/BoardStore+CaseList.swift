import BoardModel
import Foundation
import GRDB

/// One row of a spreadsheet case list, as the store applies it. The reader (BoardFormats) supplies how a
/// row changes an existing case and how it makes a new one, so the store stays free of file formats.
public struct CaseListItem: Sendable {
    public var caseId: String?
    public var mrn: String?
    public var presenter: String?
    public var plannedMinutes: Int?
    /// The agenda position the list gives the case (1 = first), or nil to append it.
    public var position: Int?
    /// Why a new case cannot be made from this row ("line 4: … needs a diagnosis"), or nil.
    public var cannotCreate: String?
    public var update: @Sendable (inout Case) -> Void
    /// Makes a new case with the given id, for an existing patient (same MRN) or a new one.
    public var create: @Sendable (_ id: String, _ patient: Patient?) -> Case
    /// Why the row is not about the found case's patient (another MRN, birth date or name), or nil. A row
    /// about another patient is never applied: the import is refused and nothing is written.
    public var identityConflict: @Sendable (Case) -> String?

    public init(
        caseId: String?, mrn: String?, presenter: String?, plannedMinutes: Int?, cannotCreate: String?,
        update: @escaping @Sendable (inout Case) -> Void, create: @escaping @Sendable (String, Patient?) -> Case,
        identityConflict: @escaping @Sendable (Case) -> String? = { _ in nil }, position: Int? = nil
    ) {
        self.identityConflict = identityConflict
        self.position = position
        self.caseId = caseId
        self.mrn = mrn
        self.presenter = presenter
        self.plannedMinutes = plannedMinutes
        self.cannotCreate = cannotCreate
        self.update = update
        self.create = create
    }
}

/// What a case-list import did.
public struct CaseListSummary: Sendable, Equatable {
    public var created: [String] = []
    public var updated: [String] = []
    public var unchanged: [String] = []
    public var added: [String] = []
    public var alreadyOnAgenda: [String] = []
}

extension BoardStore {
    /// Creates or updates the listed cases and appends them to the meeting's agenda in list order, in one
    /// transaction: on any error nothing is written. A row finds its case by id, else by the patient's MRN
    /// (the patient's most recently updated case that is not closed); otherwise a case is created
    /// (id `C-NNNN`, the next free number).
    @discardableResult
    public func importCaseList(
        _ items: [CaseListItem], meetingId: String, file: String, dryRun: Bool = false,
        now: Date = Date()
    ) throws -> CaseListSummary {
        try run {
            try db.writeWithoutTransaction { db in
                var summary = CaseListSummary()
                try db.inTransaction(.immediate) {
                    let meeting = try Self.openMeeting(db, meetingId)
                    var onAgenda = Set(meeting.agenda.map(\.caseId))
                    var position = meeting.agenda.count
                    let writer = RecordWriter(db: db, user: user, now: now)
                    var ignored = ImportSummary()
                    var placed: [(caseId: String, position: Int)] = []
                    for item in items {
                        var existing: Case?
                        var patient: Patient?
                        if let id = item.caseId { existing = try Self.loadCase(db, id: id) }
                        if existing == nil, let mrn = item.mrn {
                            (existing, patient) = try Self.caseByMRN(db, mrn: mrn, wantCase: item.caseId == nil)
                        }
                        let (record, change) = try CaseListRules.resolve(
                            item, existing: existing, patient: patient, file: file
                        ) { try Self.nextCaseId(db) }
                        if change != .unchanged { _ = try writer.case(record, summary: &ignored) }
                        summary.record(record.id, change)
                        if let wanted = item.position { placed.append((record.id, wanted)) }
                        if onAgenda.contains(record.id) {
                            // Already on the agenda: the list's presenter and minutes still apply (they were dropped before).
                            summary.alreadyOnAgenda.append(record.id)
                            if let slot = try Self.loadMeeting(db, id: meetingId)?.agenda.first(where: {
                                $0.caseId == record.id
                            }), let changed = try CaseListRules.changedSlot(slot, item) {
                                try db.execute(
                                    sql:
                                        "UPDATE agenda_item SET presenter = ?, planned_minutes = ? WHERE meeting_id = ? AND case_id = ?",
                                    arguments: [changed.presenter, changed.plannedMinutes, meetingId, record.id])
                                try AuditTrail.append(
                                    db, user: user, action: "agenda.update", entity: "meeting", entityId: meetingId,
                                    caseId: record.id,
                                    before: MeetingRules.slotText(slot), after: MeetingRules.slotText(changed),
                                    at: now)
                            }
                            continue
                        }
                        position = try CaseListRules.nextPosition(after: position, adding: record, item, file: file)
                        try db.execute(
                            sql: """
                                INSERT INTO agenda_item(meeting_id, case_id, position, presenter, planned_minutes, outcome) VALUES (?, ?, ?, ?, ?, 'pending')
                                """, arguments: [meetingId, record.id, position, item.presenter, item.plannedMinutes])
                        try AuditTrail.append(
                            db, user: user, action: "agenda.add", entity: "meeting", entityId: meetingId,
                            caseId: record.id,
                            after: CaseListRules.addedText(position: position, file: file), at: now)
                        try Self.setStatus(db, user: user, caseId: record.id, to: .onAgenda, now: now)
                        onAgenda.insert(record.id)
                        summary.added.append(record.id)
                    }
                    if !placed.isEmpty {
                        // Rows that give a position take it (a row numbered 1 goes first), the others keep their order around them.
                        let current = try String.fetchAll(
                            db, sql: "SELECT case_id FROM agenda_item WHERE meeting_id = ? ORDER BY position",
                            arguments: [meetingId])
                        try Self.renumber(
                            db, meetingId: meetingId, order: CaseListRules.order(current, placing: placed), user: user,
                            now: now, audit: true)
                    }
                    return dryRun ? .rollback : .commit
                }
                return summary
            }
        }
    }

    static func loadCase(_ db: Database, id: String) throws -> Case? {
        guard let body = try String.fetchOne(db, sql: "SELECT body FROM \"case\" WHERE id = ?", arguments: [id]) else {
            return nil
        }
        var record = try Codec.decode(Case.self, from: body)
        record.findings = try findings(db, caseId: id)
        return record
    }

    /// The patient with this MRN and (when `wantCase`) their most recently updated open case.
    static func caseByMRN(_ db: Database, mrn: String, wantCase: Bool) throws -> (Case?, Patient?) {
        let candidates = try Row.fetchAll(
            db, sql: "SELECT id, body FROM patient WHERE instr(body, ?) > 0", arguments: [mrn])
        for row in candidates {
            let patient = try Codec.decode(Patient.self, from: row["body"])
            guard patient.identifiers.contains(where: { $0.kind == .mrn && $0.value == mrn }) else { continue }
            guard wantCase else { return (nil, patient) }
            let caseId = try String.fetchOne(
                db,
                sql: """
                    SELECT id FROM "case" WHERE patient_id = ? AND status <> 'closed' ORDER BY updated_at DESC, id DESC LIMIT 1
                    """, arguments: [patient.id])
            return (try caseId.flatMap { try Self.loadCase(db, id: $0) }, patient)
        }
        return (nil, nil)
    }

    /// The next free "C-NNNN" id.
    static func nextCaseId(_ db: Database) throws -> String {
        let ids = try String.fetchAll(db, sql: "SELECT id FROM \"case\" WHERE id LIKE 'C-%'")
        return try CaseListRules.nextCaseId(ids) {
            try Bool(exists: db, sql: "SELECT 1 FROM \"case\" WHERE id = ?", $0)
        }
    }
}
