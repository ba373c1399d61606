import BoardModel
import Foundation
import GRDB

/// Preparing and running meetings: every change is one transaction with its audit events.
///
/// Agenda positions are kept dense (1…n) after every change. A closed meeting is final: its details
/// and agenda can no longer change (the minutes were written from them).
extension BoardStore {
    // MARK: Meeting details

    /// Creates a meeting; the id is `M-YYYY-MM-DD-BOARD` (date in `timeZone`), with "-2", "-3"… on collision.
    @discardableResult
    public func createMeeting(
        _ details: MeetingDetails, id: String? = nil, timeZone: TimeZone = TimeZone(identifier: "UTC")!,
        now: Date = Date()
    ) throws -> Meeting {
        try MeetingRules.validate(details)
        return try run {
            try db.write { db in
                try Self.requireBoard(db, details.boardId)
                // A second meeting of the same board at the same time would look identical in every list: refuse it.
                if let twin = try String.fetchOne(
                    db, sql: "SELECT id FROM meeting WHERE board_id = ? AND starts_at = ?",
                    arguments: [details.boardId, details.startsAt.timeIntervalSince1970])
                {
                    throw StoreError.invalid("board \(details.boardId) already has a meeting at that time: \(twin)")
                }
                let meetingId: String
                if let id {
                    try MeetingRules.checkGivenId(id)
                    if try Bool(exists: db, sql: "SELECT 1 FROM meeting WHERE id = ?", id) {
                        throw StoreError.invalid("meeting \(id) already exists")
                    }
                    meetingId = id
                } else {
                    meetingId = try MeetingRules.freeId(base: MeetingRules.idBase(details, timeZone: timeZone)) {
                        try Bool(exists: db, sql: "SELECT 1 FROM meeting WHERE id = ?", $0)
                    }
                }
                try db.execute(
                    sql: """
                        INSERT INTO meeting(id, board_id, starts_at, ended_at, location, chair, status, roster) VALUES (?, ?, ?, NULL, ?, ?, 'planned', ?)
                        """,
                    arguments: [
                        meetingId, details.boardId, details.startsAt.timeIntervalSince1970, details.location,
                        details.chair,
                        try Codec.encode(details.roster),
                    ])
                try AuditTrail.append(
                    db, user: user, action: "meeting.create", entity: "meeting", entityId: meetingId,
                    after: try MeetingRules.detailsText(details), at: now)
                return try Self.loadMeeting(db, id: meetingId)!
            }
        }
    }

    /// Changes a meeting's board, start, location, chair or roster (not its id); refused once closed.
    @discardableResult
    public func updateMeeting(id: String, now: Date = Date(), _ change: (inout MeetingDetails) throws -> Void) throws
        -> Meeting
    {
        guard let current = try meeting(id: id) else { throw StoreError.notFound(kind: "meeting", id: id) }
        var details = MeetingDetails(current)
        try change(&details)
        try MeetingRules.validate(details)
        return try run {
            try db.write { db in
                let meeting = try Self.openMeeting(db, id)
                let before = MeetingDetails(meeting)
                if before == details { return meeting }
                try Self.requireBoard(db, details.boardId)
                try db.execute(
                    sql:
                        "UPDATE meeting SET board_id = ?, starts_at = ?, location = ?, chair = ?, roster = ? WHERE id = ?",
                    arguments: [
                        details.boardId, details.startsAt.timeIntervalSince1970, details.location, details.chair,
                        try Codec.encode(details.roster), id,
                    ])
                try AuditTrail.append(
                    db, user: user, action: "meeting.update", entity: "meeting", entityId: id,
                    before: try MeetingRules.detailsText(before), after: try MeetingRules.detailsText(details), at: now)
                return try Self.loadMeeting(db, id: id)!
            }
        }
    }

    /// Marks one roster member present or absent (nil: not recorded).
    public func setAttendance(meetingId: String, name: String, present: Bool?, now: Date = Date()) throws {
        try run {
            try db.write { db in
                let meeting = try Self.openMeeting(db, meetingId, allowClosed: true)
                guard let (roster, before) = try MeetingRules.attendance(meeting, name: name, present: present)
                else { return }
                try db.execute(
                    sql: "UPDATE meeting SET roster = ? WHERE id = ?", arguments: [try Codec.encode(roster), meetingId])
                try AuditTrail.append(
                    db, user: user, action: "meeting.attendance", entity: "meeting", entityId: meetingId,
                    before: "\(name): \(MeetingRules.presence(before))",
                    after: "\(name): \(MeetingRules.presence(present))", at: now)
            }
        }
    }

    // MARK: Agenda

    /// Appends cases to the agenda in the given order (cases already on it are skipped) and puts them "on-agenda".
    /// Returns the ids actually added.
    @discardableResult
    public func addToAgenda(
        meetingId: String, caseIds: [String], presenter: String? = nil, plannedMinutes: Int? = nil,
        now: Date = Date()
    ) throws -> [String] {
        if let plannedMinutes { try MeetingRules.checkPlannedMinutes(plannedMinutes) }
        return try run {
            try db.write { db in
                try addToAgenda(
                    db, meetingId: meetingId, caseIds: caseIds, presenter: presenter, plannedMinutes: plannedMinutes,
                    now: now)
            }
        }
    }

    /// `addToAgenda` inside a write the caller holds (the follow-up queue adds a case and its reason together).
    func addToAgenda(
        _ db: Database, meetingId: String, caseIds: [String], presenter: String? = nil, plannedMinutes: Int? = nil,
        now: Date
    ) throws -> [String] {
        let meeting = try Self.openMeeting(db, meetingId)
        var onAgenda = Set(meeting.agenda.map(\.caseId))
        var position = meeting.agenda.count
        var added: [String] = []
        for caseId in caseIds where !onAgenda.contains(caseId) {
            guard
                let status = try String.fetchOne(
                    db, sql: "SELECT status FROM \"case\" WHERE id = ?", arguments: [caseId])
            else {
                throw StoreError.notFound(kind: "case", id: caseId)
            }
            try MeetingRules.requireNotClosed(caseId: caseId, status: status)
            position += 1
            try db.execute(
                sql: """
                    INSERT INTO agenda_item(meeting_id, case_id, position, presenter, planned_minutes, outcome) VALUES (?, ?, ?, ?, ?, 'pending')
                    """, arguments: [meetingId, caseId, position, presenter, plannedMinutes])
            try AuditTrail.append(
                db, user: user, action: "agenda.add", entity: "meeting", entityId: meetingId, caseId: caseId,
                after: "position \(position)", at: now)
            try Self.setStatus(db, user: user, caseId: caseId, to: .onAgenda, now: now)
            onAgenda.insert(caseId)
            added.append(caseId)
        }
        return added
    }

    /// Takes a case off the agenda; the case returns to the status it had before it was put on one.
    public func removeFromAgenda(meetingId: String, caseId: String, now: Date = Date()) throws {
        try run {
            try db.write { db in
                let meeting = try Self.openMeeting(db, meetingId)
                let item = try MeetingRules.item(meeting, caseId: caseId)
                try db.execute(
                    sql: "DELETE FROM agenda_item WHERE meeting_id = ? AND case_id = ?", arguments: [meetingId, caseId])
                try AuditTrail.append(
                    db, user: user, action: "agenda.remove", entity: "meeting", entityId: meetingId, caseId: caseId,
                    before: "position \(item.position)", at: now)
                try Self.renumber(
                    db, meetingId: meetingId, order: meeting.agenda.map(\.caseId).filter { $0 != caseId }, user: user,
                    now: now, audit: false)
                try Self.leaveAgenda(db, user: user, caseId: caseId, now: now)
            }
        }
    }

    /// Moves a case to a 1-based position on the agenda (1…number of cases; anything else is refused); the others shift.
    public func moveAgendaItem(meetingId: String, caseId: String, to position: Int, now: Date = Date()) throws {
        try run {
            try db.write { db in
                let meeting = try Self.openMeeting(db, meetingId)
                let order = try MeetingRules.order(meeting, moving: caseId, to: position)
                try Self.renumber(db, meetingId: meetingId, order: order, user: user, now: now, audit: true)
            }
        }
    }

    /// Puts the agenda in exactly this order (every case on it, each once).
    public func reorderAgenda(meetingId: String, caseIds: [String], now: Date = Date()) throws {
        try run {
            try db.write { db in
                let meeting = try Self.openMeeting(db, meetingId)
                try MeetingRules.checkOrder(meeting, caseIds)
                try Self.renumber(db, meetingId: meetingId, order: caseIds, user: user, now: now, audit: true)
            }
        }
    }

    /// Sets who presents a case and the minutes planned for it; `.some(nil)` clears a field, nil leaves it.
    public func setAgendaItem(
        meetingId: String, caseId: String, presenter: String?? = nil, plannedMinutes: Int?? = nil,
        now: Date = Date()
    ) throws {
        if case .some(.some(let m)) = plannedMinutes { try MeetingRules.checkPlannedMinutes(m) }
        try run {
            try db.write { db in
                let meeting = try Self.openMeeting(db, meetingId)
                let item = try MeetingRules.item(meeting, caseId: caseId)
                let changed = MeetingRules.slot(item, presenter: presenter, plannedMinutes: plannedMinutes)
                if changed == item { return }
                try db.execute(
                    sql:
                        "UPDATE agenda_item SET presenter = ?, planned_minutes = ? WHERE meeting_id = ? AND case_id = ?",
                    arguments: [changed.presenter, changed.plannedMinutes, meetingId, caseId])
                try AuditTrail.append(
                    db, user: user, action: "agenda.update", entity: "meeting", entityId: meetingId, caseId: caseId,
                    before: MeetingRules.slotText(item), after: MeetingRules.slotText(changed), at: now)
            }
        }
    }

    // MARK: Running the meeting

    /// Starts the meeting (planned → in-progress) and records the instant it really started; a meeting already
    /// running is left alone.
    public func startMeeting(id: String, now: Date = Date()) throws {
        try run {
            try db.write { db in
                let meeting = try Self.openMeeting(db, id)
                guard meeting.status == .planned else { return }
                try db.execute(
                    sql: "UPDATE meeting SET status = 'in-progress', started_at = ? WHERE id = ?",
                    arguments: [now.timeIntervalSince1970, id])
                try AuditTrail.append(
                    db, user: user, action: "meeting.status", entity: "meeting", entityId: id,
                    before: MeetingStatus.planned.rawValue, after: MeetingStatus.inProgress.rawValue, at: now)
            }
        }
    }

    /// Adds time spent on a case (the meeting-mode timer calls this when the board moves on); returns the new total.
    @discardableResult
    public func addTimeSpent(meetingId: String, caseId: String, seconds: Int, now: Date = Date()) throws -> Int {
        guard seconds > 0 else {
            return try meeting(id: meetingId)?.agenda.first { $0.caseId == caseId }?.secondsSpent ?? 0
        }
        return try run {
            try db.write { db in
                let meeting = try Self.openMeeting(db, meetingId)
                let item = try MeetingRules.item(meeting, caseId: caseId)
                let total = (item.secondsSpent ?? 0) + seconds
                try db.execute(
                    sql: "UPDATE agenda_item SET seconds_spent = ? WHERE meeting_id = ? AND case_id = ?",
                    arguments: [total, meetingId, caseId])
                try AuditTrail.append(
                    db, user: user, action: "agenda.time", entity: "meeting", entityId: meetingId, caseId: caseId,
                    before: "\(item.secondsSpent ?? 0) s", after: "\(total) s", at: now)
                return total
            }
        }
    }

    /// Records what happened to a case: discussed, deferred (a reason is required), to re-present, or back to pending.
    /// The case's status follows: discussed, deferred, ready (re-present) or on-agenda (pending).
    public func setOutcome(
        meetingId: String, caseId: String, _ outcome: AgendaOutcome, reason: String? = nil,
        now: Date = Date()
    ) throws {
        let newReason = try MeetingRules.outcomeReason(outcome, reason: reason, caseId: caseId)
        try run {
            try db.write { db in
                let meeting = try Self.openMeeting(db, meetingId)
                let item = try MeetingRules.item(meeting, caseId: caseId)
                if item.outcome == outcome && item.deferReason == newReason { return }
                try db.execute(
                    sql: "UPDATE agenda_item SET outcome = ?, defer_reason = ? WHERE meeting_id = ? AND case_id = ?",
                    arguments: [outcome.rawValue, newReason, meetingId, caseId])
                try AuditTrail.append(
                    db, user: user, action: "agenda.outcome", entity: "meeting", entityId: meetingId, caseId: caseId,
                    before: item.outcome.rawValue, after: MeetingRules.outcomeText(outcome, reason: newReason), at: now)
                try Self.setStatus(
                    db, user: user, caseId: caseId, to: MeetingRules.caseStatus(after: outcome), now: now)
            }
        }
    }

    /// Agenda cases still pending or discussed that have no signed decision from this meeting
    /// (deferred and re-present cases are not expected to have one).
    public func casesWithoutFinalDecision(meetingId: String) throws -> [AgendaRow] {
        let rows = try agenda(meetingId: meetingId)
        return try run {
            try db.read { db in
                try MeetingRules.lackingDecision(rows) {
                    try Int.fetchOne(
                        db, sql: "SELECT 1 FROM decision WHERE case_id = ? AND meeting_id = ? AND status <> 'draft'",
                        arguments: [$0, meetingId]) != nil
                }
            }
        }
    }

    /// Closes the meeting and records its end time. Cases still pending go back to the status they had
    /// before the agenda. Returns the cases that had no signed decision (ask with `casesWithoutFinalDecision` first).
    @discardableResult
    public func closeMeeting(id: String, now: Date = Date()) throws -> [AgendaRow] {
        let lacking = try casesWithoutFinalDecision(meetingId: id)
        try run {
            try db.write { db in
                let meeting = try Self.openMeeting(db, id)
                try db.execute(
                    sql: "UPDATE meeting SET status = 'closed', ended_at = ? WHERE id = ?",
                    arguments: [now.timeIntervalSince1970, id])
                try AuditTrail.append(
                    db, user: user, action: "meeting.status", entity: "meeting", entityId: id,
                    before: meeting.status.rawValue, after: MeetingStatus.closed.rawValue, at: now)
                for item in meeting.agenda where item.outcome == .pending {
                    try Self.leaveAgenda(db, user: user, caseId: item.caseId, now: now)
                }
            }
        }
        return lacking
    }

    // MARK: Helpers (inside the caller's transaction)

    static func requireBoard(_ db: Database, _ id: String) throws {
        if try !Bool(exists: db, sql: "SELECT 1 FROM board WHERE id = ?", id) {
            throw StoreError.notFound(kind: "board", id: id)
        }
    }

    /// Loads a meeting that may still change (not closed, unless `allowClosed`).
    static func openMeeting(_ db: Database, _ id: String, allowClosed: Bool = false) throws -> Meeting {
        try MeetingRules.requireOpen(loadMeeting(db, id: id), id: id, allowClosed: allowClosed)
    }

    /// Rewrites positions 1…n in `order`; with `audit`, each moved case gets an agenda.move event.
    static func renumber(_ db: Database, meetingId: String, order: [String], user: String, now: Date, audit: Bool)
        throws
    {
        let old = Dictionary(
            uniqueKeysWithValues: try Row.fetchAll(
                db, sql: "SELECT case_id, position FROM agenda_item WHERE meeting_id = ?",
                arguments: [meetingId]
            ).map { ($0["case_id"] as String, $0["position"] as Int) })
        // Two passes so the positions never collide mid-way (no unique index today, but cheap insurance).
        for (i, caseId) in order.enumerated() where old[caseId] != i + 1 {
            try db.execute(
                sql: "UPDATE agenda_item SET position = ? WHERE meeting_id = ? AND case_id = ?",
                arguments: [-(i + 1), meetingId, caseId])
        }
        for (i, caseId) in order.enumerated() where old[caseId] != i + 1 {
            try db.execute(
                sql: "UPDATE agenda_item SET position = ? WHERE meeting_id = ? AND case_id = ?",
                arguments: [i + 1, meetingId, caseId])
            if audit {
                try AuditTrail.append(
                    db, user: user, action: "agenda.move", entity: "meeting", entityId: meetingId, caseId: caseId,
                    before: "position \(old[caseId] ?? 0)", after: "position \(i + 1)", at: now)
            }
        }
    }

    /// Sets a case's status inside a transaction (column and JSON body), audited with before → after.
    static func setStatus(_ db: Database, user: String, caseId: String, to status: CaseStatus, now: Date) throws {
        guard let body = try String.fetchOne(db, sql: "SELECT body FROM \"case\" WHERE id = ?", arguments: [caseId])
        else {
            throw StoreError.notFound(kind: "case", id: caseId)
        }
        var record = try Codec.decode(Case.self, from: body)
        let before = record.status
        if before == status { return }
        record.status = status
        try db.execute(
            sql: "UPDATE \"case\" SET status = ?, body = ?, updated_at = ? WHERE id = ?",
            arguments: [status.rawValue, try Codec.encode(record), now.timeIntervalSince1970, caseId])
        try AuditTrail.append(
            db, user: user, action: "case.status", entity: "case", entityId: caseId, caseId: caseId,
            before: before.rawValue, after: status.rawValue, at: now)
    }

    /// A case left an agenda undiscussed: if it is still "on-agenda" and on no other open agenda, it goes back
    /// to the status it had before it was put on one (from the audit trail; "ready" when unknown).
    static func leaveAgenda(_ db: Database, user: String, caseId: String, now: Date) throws {
        guard
            try String.fetchOne(db, sql: "SELECT status FROM \"case\" WHERE id = ?", arguments: [caseId])
                == CaseStatus.onAgenda.rawValue
        else { return }
        let elsewhere = try Bool(
            exists: db,
            sql: """
                SELECT 1 FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id WHERE a.case_id = ? AND m.status <> 'closed' AND a.outcome = 'pending'
                """, caseId)
        if elsewhere { return }
        let previous = try String.fetchOne(
            db,
            sql: """
                SELECT before FROM audit_event WHERE case_id = ? AND action = 'case.status' AND after = 'on-agenda' ORDER BY seq DESC LIMIT 1
                """, arguments: [caseId])
        try setStatus(db, user: user, caseId: caseId, to: MeetingRules.statusBeforeAgenda(previous), now: now)
    }
}
