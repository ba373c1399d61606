import BoardModel
import Foundation

/// The rules of preparing and running a meeting, the same on every backend: a closed meeting is final, agenda
/// positions stay 1…n, what an outcome does to the case's status, and the audited texts. Each backend reads and
/// writes with its own SQL inside its own transaction and asks here, so the two give the same answers and messages.
enum MeetingRules {
    /// A roster names each member once, by a non-empty name.
    static func validate(_ details: MeetingDetails) throws {
        var names = Set<String>()
        for attendee in details.roster {
            let name = attendee.name.trimmingCharacters(in: .whitespaces)
            if name.isEmpty { throw StoreError.invalid("a roster entry needs a name") }
            if !names.insert(name).inserted { throw StoreError.invalid("\(name) is on the roster twice") }
        }
    }

    /// A meeting id given by the user: not empty.
    static func checkGivenId(_ id: String) throws {
        guard !id.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw StoreError.invalid("a meeting id cannot be empty")
        }
    }

    /// A meeting that may still change (not closed, unless `allowClosed`).
    static func requireOpen(_ meeting: Meeting?, id: String, allowClosed: Bool = false) throws -> Meeting {
        guard let meeting else { throw StoreError.notFound(kind: "meeting", id: id) }
        if meeting.status == .closed && !allowClosed {
            throw StoreError.invalid("meeting \(id) is closed; its agenda and details are final")
        }
        return meeting
    }

    /// The case's slot on the meeting's agenda.
    static func item(_ meeting: Meeting, caseId: String) throws -> AgendaItem {
        guard let item = meeting.agenda.first(where: { $0.caseId == caseId }) else {
            throw StoreError.invalid("case \(caseId) is not on the agenda of meeting \(meeting.id)")
        }
        return item
    }

    /// A closed case goes on no agenda.
    static func requireNotClosed(caseId: String, status: String) throws {
        if status == CaseStatus.closed.rawValue {
            throw StoreError.invalid("case \(caseId) is closed; reopen it before adding it to an agenda")
        }
    }

    /// The roster with one member's attendance changed, and what it was; nil when nothing changes.
    static func attendance(_ meeting: Meeting, name: String, present: Bool?) throws -> (
        roster: [Attendee], before: Bool?
    )? {
        var roster = meeting.roster
        guard let i = roster.firstIndex(where: { $0.name == name }) else {
            throw StoreError.invalid("\(name) is not on the roster of meeting \(meeting.id)")
        }
        let before = roster[i].present
        if before == present { return nil }
        roster[i].present = present
        return (roster, before)
    }

    /// The agenda's order with one case moved to a 1-based position (1…number of cases; anything else is refused).
    static func order(_ meeting: Meeting, moving caseId: String, to position: Int) throws -> [String] {
        var order = meeting.agenda.map(\.caseId)
        guard let from = order.firstIndex(of: caseId) else {
            throw StoreError.invalid("case \(caseId) is not on the agenda of meeting \(meeting.id)")
        }
        guard (1...order.count).contains(position) else {
            throw StoreError.invalid(
                "position \(position) is not on the agenda of meeting \(meeting.id); expected 1–\(order.count)")
        }
        order.remove(at: from)
        order.insert(caseId, at: position - 1)
        return order
    }

    /// A new order must list every case of the agenda exactly once.
    static func checkOrder(_ meeting: Meeting, _ caseIds: [String]) throws {
        guard caseIds.count == meeting.agenda.count, Set(caseIds) == Set(meeting.agenda.map(\.caseId)) else {
            throw StoreError.invalid(
                "the new order must list every case of the agenda of meeting \(meeting.id) exactly once")
        }
    }

    /// The slot with a new presenter and planned minutes; `.some(nil)` clears a field, nil leaves it.
    static func slot(_ item: AgendaItem, presenter: String??, plannedMinutes: Int??) -> AgendaItem {
        var changed = item
        if let presenter {
            changed.presenter = presenter.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        }
        if let plannedMinutes { changed.plannedMinutes = plannedMinutes }
        return changed
    }

    /// The reason kept with an outcome (only deferred and re-present keep one); deferring needs one.
    static func outcomeReason(_ outcome: AgendaOutcome, reason: String?, caseId: String) throws -> String? {
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        if outcome == .deferred && (reason ?? "").isEmpty {
            throw StoreError.invalid("deferring case \(caseId) needs a reason")
        }
        return outcome == .deferred || outcome == .represent ? (reason?.isEmpty == false ? reason : nil) : nil
    }

    /// The case's status after an outcome: discussed, deferred, ready (re-present) or on-agenda (pending).
    static func caseStatus(after outcome: AgendaOutcome) -> CaseStatus {
        switch outcome {
        case .discussed: .discussed
        case .deferred: .deferred
        case .represent: .ready
        case .pending: .onAgenda
        }
    }

    /// The status a case goes back to when it leaves an agenda undiscussed: the one before it was put on one
    /// (from the audit trail), "ready" when unknown.
    static func statusBeforeAgenda(_ recorded: String?) -> CaseStatus {
        recorded.flatMap(CaseStatus.init(rawValue:)).flatMap { $0 == .onAgenda ? nil : $0 } ?? .ready
    }

    /// "M-2026-12-03-MTB" from the start date and the board id.
    static func idBase(_ details: MeetingDetails, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: details.startsAt)
        let board = String(details.boardId.uppercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
        return String(format: "M-%04d-%02d-%02d-", c.year!, c.month!, c.day!) + board
    }

    /// The first of `base`, `base-2`, `base-3`… not taken.
    static func freeId(base: String, taken: (String) throws -> Bool) throws -> String {
        var candidate = base
        var n = 1
        while try taken(candidate) {
            n += 1
            candidate = "\(base)-\(n)"
        }
        return candidate
    }

    static func detailsText(_ d: MeetingDetails) throws -> String {
        struct Text: Encodable {
            var boardId: String
            var startsAt: Date
            var location: String?
            var chair: String?
            var roster: [Attendee]
        }
        return try Codec.encode(
            Text(boardId: d.boardId, startsAt: d.startsAt, location: d.location, chair: d.chair, roster: d.roster))
    }

    static func slotText(_ item: AgendaItem) -> String {
        "presenter \(item.presenter ?? "—"), \(item.plannedMinutes.map { "\($0) min" } ?? "no time planned")"
    }

    static func presence(_ present: Bool?) -> String { present.map { $0 ? "present" : "absent" } ?? "not recorded" }

    /// Planned minutes within the board's range (1–240), so no caller stores a typo such as 1012 or 5000.
    static func checkPlannedMinutes(_ minutes: Int) throws {
        do throws(InvalidValue) { _ = try ValidValues.plannedMinutes(minutes) } catch {
            throw StoreError.invalid(error.reason)
        }
    }

    /// The audited text of an outcome.
    static func outcomeText(_ outcome: AgendaOutcome, reason: String?) -> String {
        outcome.rawValue + (reason.map { ": \($0)" } ?? "")
    }

    /// Which agenda cases of a meeting still lack a signed decision: pending or discussed ones (deferred and
    /// re-present cases are not expected to have one). `signed` says whether a case has one from the meeting.
    static func lackingDecision(_ rows: [AgendaRow], signed: (String) throws -> Bool) throws -> [AgendaRow] {
        try rows.filter { row in
            guard row.item.outcome == .pending || row.item.outcome == .discussed else { return false }
            return try !signed(row.item.caseId)
        }
    }
}

extension MeetingRules {
    /// Of a case's signed decisions from other presentations (oldest first, each with its meeting's start), those
    /// made before `meeting` started.
    static func before(_ meeting: Meeting, _ decisions: [(Decision, Date?)]) -> [(
        decision: Decision, meetingStart: Date?
    )] {
        decisions.compactMap { decision, start in
            let when = start ?? decision.signedAt ?? decision.recordedAt
            return when < meeting.startsAt ? (decision, start) : nil
        }
    }
}
