import BoardModel
import Foundation

/// Preparing and running meetings on PostgreSQL, with the rules of BoardStore+Meetings (MeetingRules): every change
/// is one transaction with its audit events, the meeting's row locked for it so two sites editing one agenda take
/// turns; agenda positions stay 1…n; a closed meeting is final.
extension PostgresBoardStore: MeetingStore {
    @discardableResult
    public func createMeeting(_ details: MeetingDetails, id: String?, timeZone: TimeZone, now: Date) throws -> Meeting {
        try MeetingRules.validate(details)
        return try run {
            try connection.transaction {
                try requireBoard(details.boardId)
                // Two sites creating the board's meeting at once: one waits, then sees the other's.
                try connection.query(
                    "SELECT pg_advisory_xact_lock(hashtext('tumorboard.board.' || $1))", [details.boardId])
                if let twin = try connection.query(
                    "SELECT id FROM meeting WHERE board_id = $1 AND starts_at = $2",
                    [details.boardId, PGValue.time(details.startsAt)]
                ).first?["id"] {
                    throw StoreError.invalid("board \(details.boardId) already has a meeting at that time: \(twin)")
                }
                let taken = { (id: String) in
                    try self.connection.query("SELECT 1 FROM meeting WHERE id = $1", [id]).count > 0
                }
                let meetingId: String
                if let id {
                    try MeetingRules.checkGivenId(id)
                    if try taken(id) { throw StoreError.invalid("meeting \(id) already exists") }
                    meetingId = id
                } else {
                    meetingId = try MeetingRules.freeId(
                        base: MeetingRules.idBase(details, timeZone: timeZone), taken: taken)
                }
                try connection.query(
                    """
                    INSERT INTO meeting(id, board_id, starts_at, ended_at, location, chair, status, roster)
                    VALUES ($1, $2, $3, NULL, $4, $5, 'planned', $6)
                    """,
                    [
                        meetingId, details.boardId, PGValue.time(details.startsAt), details.location, details.chair,
                        try Codec.encode(details.roster),
                    ])
                try appendAudit(
                    action: "meeting.create", entity: "meeting", entityId: meetingId,
                    after: try MeetingRules.detailsText(details), at: now)
                guard let meeting = try loadMeeting(meetingId) else {
                    throw StoreError.notFound(kind: "meeting", id: meetingId)
                }
                return meeting
            }
        }
    }

    @discardableResult
    public func updateMeeting(id: String, now: Date, _ change: (inout MeetingDetails) throws -> Void) throws -> Meeting
    {
        guard let current = try meeting(id: id) else { throw StoreError.notFound(kind: "meeting", id: id) }
        var details = MeetingDetails(current)
        try change(&details)
        try MeetingRules.validate(details)
        return try run {
            try connection.transaction {
                let meeting = try lockedMeeting(id)
                let before = MeetingDetails(meeting)
                if before == details { return meeting }
                try requireBoard(details.boardId)
                try connection.query(
                    "UPDATE meeting SET board_id = $1, starts_at = $2, location = $3, chair = $4, roster = $5 WHERE id = $6",
                    [
                        details.boardId, PGValue.time(details.startsAt), details.location, details.chair,
                        try Codec.encode(details.roster), id,
                    ])
                try appendAudit(
                    action: "meeting.update", entity: "meeting", entityId: id,
                    before: try MeetingRules.detailsText(before), after: try MeetingRules.detailsText(details), at: now)
                return try lockedMeeting(id)
            }
        }
    }

    public func setAttendance(meetingId: String, name: String, present: Bool?, now: Date) throws {
        try run {
            try connection.transaction {
                let meeting = try lockedMeeting(meetingId, allowClosed: true)
                guard let (roster, before) = try MeetingRules.attendance(meeting, name: name, present: present)
                else { return }
                try connection.query(
                    "UPDATE meeting SET roster = $1 WHERE id = $2", [try Codec.encode(roster), meetingId])
                try appendAudit(
                    action: "meeting.attendance", entity: "meeting", entityId: meetingId,
                    before: "\(name): \(MeetingRules.presence(before))",
                    after: "\(name): \(MeetingRules.presence(present))", at: now)
            }
        }
    }

    @discardableResult
    public func addToAgenda(
        meetingId: String, caseIds: [String], presenter: String?, plannedMinutes: Int?, now: Date
    ) throws -> [String] {
        if let plannedMinutes { try MeetingRules.checkPlannedMinutes(plannedMinutes) }
        return try run {
            try connection.transaction {
                try addToAgendaLocked(
                    meetingId: meetingId, caseIds: caseIds, presenter: presenter, plannedMinutes: plannedMinutes,
                    now: now)
            }
        }
    }

    /// `addToAgenda` inside a transaction the caller holds.
    func addToAgendaLocked(
        meetingId: String, caseIds: [String], presenter: String?, plannedMinutes: Int?, now: Date
    ) throws -> [String] {
        let meeting = try lockedMeeting(meetingId)
        var onAgenda = Set(meeting.agenda.map(\.caseId))
        var position = meeting.agenda.count
        var added: [String] = []
        for caseId in caseIds where !onAgenda.contains(caseId) {
            guard let status = try connection.query("SELECT status FROM \"case\" WHERE id = $1", [caseId]).first?[0]
            else {
                throw StoreError.notFound(kind: "case", id: caseId)
            }
            try MeetingRules.requireNotClosed(caseId: caseId, status: status)
            position += 1
            try connection.query(
                """
                INSERT INTO agenda_item(meeting_id, case_id, position, presenter, planned_minutes, outcome)
                VALUES ($1, $2, $3, $4, $5, 'pending')
                """, [meetingId, caseId, String(position), presenter, plannedMinutes.map(String.init)])
            try appendAudit(
                action: "agenda.add", entity: "meeting", entityId: meetingId, caseId: caseId,
                after: "position \(position)", at: now)
            try setStatusLocked(caseId: caseId, to: .onAgenda, now: now)
            onAgenda.insert(caseId)
            added.append(caseId)
        }
        return added
    }

    public func removeFromAgenda(meetingId: String, caseId: String, now: Date) throws {
        try run {
            try connection.transaction {
                let meeting = try lockedMeeting(meetingId)
                let item = try MeetingRules.item(meeting, caseId: caseId)
                try connection.query(
                    "DELETE FROM agenda_item WHERE meeting_id = $1 AND case_id = $2", [meetingId, caseId])
                try appendAudit(
                    action: "agenda.remove", entity: "meeting", entityId: meetingId, caseId: caseId,
                    before: "position \(item.position)", at: now)
                try renumber(
                    meetingId: meetingId, order: meeting.agenda.map(\.caseId).filter { $0 != caseId }, now: now,
                    audit: false)
                try leaveAgenda(caseId: caseId, now: now)
            }
        }
    }

    public func moveAgendaItem(meetingId: String, caseId: String, to position: Int, now: Date) throws {
        try run {
            try connection.transaction {
                let meeting = try lockedMeeting(meetingId)
                let order = try MeetingRules.order(meeting, moving: caseId, to: position)
                try renumber(meetingId: meetingId, order: order, now: now, audit: true)
            }
        }
    }

    public func reorderAgenda(meetingId: String, caseIds: [String], now: Date) throws {
        try run {
            try connection.transaction {
                let meeting = try lockedMeeting(meetingId)
                try MeetingRules.checkOrder(meeting, caseIds)
                try renumber(meetingId: meetingId, order: caseIds, now: now, audit: true)
            }
        }
    }

    public func setAgendaItem(
        meetingId: String, caseId: String, presenter: String??, plannedMinutes: Int??, now: Date
    ) throws {
        if case .some(.some(let m)) = plannedMinutes { try MeetingRules.checkPlannedMinutes(m) }
        try run {
            try connection.transaction {
                let meeting = try lockedMeeting(meetingId)
                let item = try MeetingRules.item(meeting, caseId: caseId)
                let changed = MeetingRules.slot(item, presenter: presenter, plannedMinutes: plannedMinutes)
                if changed == item { return }
                try connection.query(
                    "UPDATE agenda_item SET presenter = $1, planned_minutes = $2 WHERE meeting_id = $3 AND case_id = $4",
                    [changed.presenter, changed.plannedMinutes.map(String.init), meetingId, caseId])
                try appendAudit(
                    action: "agenda.update", entity: "meeting", entityId: meetingId, caseId: caseId,
                    before: MeetingRules.slotText(item), after: MeetingRules.slotText(changed), at: now)
            }
        }
    }

    public func startMeeting(id: String, now: Date) throws {
        try run {
            try connection.transaction {
                let meeting = try lockedMeeting(id)
                guard meeting.status == .planned else { return }
                try connection.query(
                    "UPDATE meeting SET status = 'in-progress', started_at = $1 WHERE id = $2", [PGValue.time(now), id])
                try appendAudit(
                    action: "meeting.status", entity: "meeting", entityId: id, before: MeetingStatus.planned.rawValue,
                    after: MeetingStatus.inProgress.rawValue, at: now)
            }
        }
    }

    @discardableResult
    public func addTimeSpent(meetingId: String, caseId: String, seconds: Int, now: Date) throws -> Int {
        guard seconds > 0 else {
            return try meeting(id: meetingId)?.agenda.first { $0.caseId == caseId }?.secondsSpent ?? 0
        }
        return try run {
            try connection.transaction {
                let meeting = try lockedMeeting(meetingId)
                let item = try MeetingRules.item(meeting, caseId: caseId)
                let total = (item.secondsSpent ?? 0) + seconds
                try connection.query(
                    "UPDATE agenda_item SET seconds_spent = $1 WHERE meeting_id = $2 AND case_id = $3",
                    [String(total), meetingId, caseId])
                try appendAudit(
                    action: "agenda.time", entity: "meeting", entityId: meetingId, caseId: caseId,
                    before: "\(item.secondsSpent ?? 0) s", after: "\(total) s", at: now)
                return total
            }
        }
    }

    public func setOutcome(
        meetingId: String, caseId: String, _ outcome: AgendaOutcome, reason: String?, now: Date
    ) throws {
        let newReason = try MeetingRules.outcomeReason(outcome, reason: reason, caseId: caseId)
        try run {
            try connection.transaction {
                let meeting = try lockedMeeting(meetingId)
                let item = try MeetingRules.item(meeting, caseId: caseId)
                if item.outcome == outcome && item.deferReason == newReason { return }
                try connection.query(
                    "UPDATE agenda_item SET outcome = $1, defer_reason = $2 WHERE meeting_id = $3 AND case_id = $4",
                    [outcome.rawValue, newReason, meetingId, caseId])
                try appendAudit(
                    action: "agenda.outcome", entity: "meeting", entityId: meetingId, caseId: caseId,
                    before: item.outcome.rawValue, after: MeetingRules.outcomeText(outcome, reason: newReason), at: now)
                try setStatusLocked(caseId: caseId, to: MeetingRules.caseStatus(after: outcome), now: now)
            }
        }
    }

    public func casesWithoutFinalDecision(meetingId: String) throws -> [AgendaRow] {
        let rows = try agenda(meetingId: meetingId)
        return try run {
            try MeetingRules.lackingDecision(rows) {
                try connection.query(
                    "SELECT 1 FROM decision WHERE case_id = $1 AND meeting_id = $2 AND status <> 'draft'",
                    [$0, meetingId]
                ).count > 0
            }
        }
    }

    @discardableResult
    public func closeMeeting(id: String, now: Date) throws -> [AgendaRow] {
        let lacking = try casesWithoutFinalDecision(meetingId: id)
        try run {
            try connection.transaction {
                let meeting = try lockedMeeting(id)
                try connection.query(
                    "UPDATE meeting SET status = 'closed', ended_at = $1 WHERE id = $2", [PGValue.time(now), id])
                try appendAudit(
                    action: "meeting.status", entity: "meeting", entityId: id, before: meeting.status.rawValue,
                    after: MeetingStatus.closed.rawValue, at: now)
                for item in meeting.agenda where item.outcome == .pending {
                    try leaveAgenda(caseId: item.caseId, now: now)
                }
            }
        }
        return lacking
    }

    // MARK: Helpers (inside the caller's transaction)

    /// The meeting, its row locked until the transaction ends; refused when closed (unless `allowClosed`).
    private func lockedMeeting(_ id: String, allowClosed: Bool = false) throws -> Meeting {
        try connection.query("SELECT 1 FROM meeting WHERE id = $1 FOR UPDATE", [id])
        return try MeetingRules.requireOpen(loadMeeting(id), id: id, allowClosed: allowClosed)
    }

    /// Rewrites positions 1…n in `order`; with `audit`, each moved case gets an agenda.move event.
    func renumber(meetingId: String, order: [String], now: Date, audit: Bool) throws {
        var old: [String: Int] = [:]
        for row in try connection.query(
            "SELECT case_id, position FROM agenda_item WHERE meeting_id = $1", [meetingId])
        {
            old[row.text("case_id")] = row.int("position") ?? 0
        }
        for (i, caseId) in order.enumerated() where old[caseId] != i + 1 {
            try connection.query(
                "UPDATE agenda_item SET position = $1 WHERE meeting_id = $2 AND case_id = $3",
                [String(i + 1), meetingId, caseId])
            if audit {
                try appendAudit(
                    action: "agenda.move", entity: "meeting", entityId: meetingId, caseId: caseId,
                    before: "position \(old[caseId] ?? 0)", after: "position \(i + 1)", at: now)
            }
        }
    }

    /// Sets a case's status inside the caller's transaction (column and JSON body), audited with before → after.
    func setStatusLocked(caseId: String, to status: CaseStatus, now: Date) throws {
        guard let body = try connection.query("SELECT body FROM \"case\" WHERE id = $1 FOR UPDATE", [caseId]).first?[0]
        else {
            throw StoreError.notFound(kind: "case", id: caseId)
        }
        var record = try Codec.decode(Case.self, from: body)
        let before = record.status
        if before == status { return }
        record.status = status
        try connection.query(
            "UPDATE \"case\" SET status = $1, body = $2, updated_at = $3 WHERE id = $4",
            [status.rawValue, try Codec.encode(record), PGValue.time(now), caseId])
        try appendAudit(
            action: "case.status", entity: "case", entityId: caseId, caseId: caseId, before: before.rawValue,
            after: status.rawValue, at: now)
    }

    /// A case left an agenda undiscussed: if it is still "on-agenda" and on no other open agenda, it goes back to the
    /// status it had before it was put on one (MeetingRules.statusBeforeAgenda).
    private func leaveAgenda(caseId: String, now: Date) throws {
        guard
            try connection.query("SELECT status FROM \"case\" WHERE id = $1", [caseId]).first?[0]
                == CaseStatus.onAgenda.rawValue
        else { return }
        let elsewhere =
            try connection.query(
                """
                SELECT 1 FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id
                WHERE a.case_id = $1 AND m.status <> 'closed' AND a.outcome = 'pending'
                """, [caseId]
            ).count > 0
        if elsewhere { return }
        try flushAudit()  // the status this reads back may have been set earlier in this transaction
        let previous = try connection.query(
            """
            SELECT before FROM audit_event WHERE case_id = $1 AND action = 'case.status' AND after = 'on-agenda'
            ORDER BY seq DESC LIMIT 1
            """, [caseId]
        ).first?[0]
        try setStatusLocked(caseId: caseId, to: MeetingRules.statusBeforeAgenda(previous), now: now)
    }
}
