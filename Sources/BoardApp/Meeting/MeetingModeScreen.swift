import BoardModel
import BoardStore
import Foundation
import TUIKit

/// Running a meeting: the agenda with outcomes and times on the left, the current case on the right, and a
/// timer (elapsed against planned, `timerOver` when over). Moving to another case, marking an outcome or
/// closing records the time spent on the case. Times come from `AppContext.clock`, so tests inject them.
@MainActor
public final class MeetingModeScreen: Screen, MeetingLoading {
    let meetingId: String
    var meeting: Meeting?
    var boardName = ""
    var rows: [AgendaRow] = []
    var agendaList = ListView()
    var rosterList = ListView()
    var caseView: CaseView?
    /// The pane that takes the keys (and, below 100 columns, the one shown).
    enum Focus: String, PaneCycle {
        case agenda
        case caseDetail = "case"
        case roster
    }
    var focus = Focus.agenda
    /// When the timer of the current case last restarted (only while the meeting is in progress and the case is
    /// pending: a discussed, deferred or re-present case is not timed again when the board returns to it).
    var caseStartedAt: Date?
    var timedCaseId: String?
    /// Whether the selection was put on the first pending case yet (once, on first load).
    var placed = false

    public init(meetingId: String) { self.meetingId = meetingId }

    public var title: String { "Meeting mode \(meetingId)" }
    public var keys: KeyTable<AppAction> { MeetingKeys.meetingMode }

    public func reload(_ context: AppContext) throws {
        guard let meeting = try loadMeeting(context) else { return }
        agendaList.setCount(rows.count)
        if !placed {
            // Reopened during a meeting: carry on at the first case still pending, not at case 1 (already discussed).
            placed = true
            if let i = rows.firstIndex(where: { $0.item.outcome == .pending }) { agendaList.select(i) }
        }
        rosterList.setCount(meeting.roster.count)
        try syncCase(context)
    }

    var current: AgendaRow? { agendaList.selectedIndex.flatMap { $0 < rows.count ? rows[$0] : nil } }

    /// Keeps the right pane and the timer on the selected case; leaving a case records its time.
    func syncCase(_ context: AppContext) throws {
        guard let row = current else {
            caseView = nil
            return
        }
        let timing = meeting?.status == .inProgress && row.item.outcome == .pending
        if timedCaseId != row.item.caseId || (caseStartedAt != nil) != timing {
            try recordTime(context)
            timedCaseId = row.item.caseId
            caseStartedAt = timing ? context.now : nil
        }
        if caseView?.caseId != row.item.caseId {
            caseView = CaseView(caseId: row.item.caseId, tab: caseView?.tabs.active ?? 0)
        }
        try caseView?.reload(context)
    }

    /// Adds the running timer's whole seconds to the store and to the row on screen, and restarts the timer from
    /// where those seconds end, so the shown time never runs backwards (a stale row plus a restarted timer showed
    /// 1:05 after 1:12) and no fraction of a second is lost between recordings.
    func recordTime(_ context: AppContext) throws {
        guard let id = timedCaseId, let started = caseStartedAt, meeting?.status == .inProgress else { return }
        let seconds = Int(context.now.timeIntervalSince(started).rounded(.down))
        guard seconds > 0 else { return }
        let total = try context.store.addTimeSpent(meetingId: meetingId, caseId: id, seconds: seconds, now: context.now)
        caseStartedAt = started.addingTimeInterval(TimeInterval(seconds))
        if let i = rows.firstIndex(where: { $0.item.caseId == id }) { rows[i].item.secondsSpent = total }
    }

    /// Seconds spent on a case: stored, plus the running timer for the current one.
    func elapsed(_ row: AgendaRow, now: Date) -> Int {
        var total = row.item.secondsSpent ?? 0
        if row.item.caseId == timedCaseId, let started = caseStartedAt {
            total += max(0, Int(now.timeIntervalSince(started).rounded(.down)))
        }
        return total
    }

    public func render(into canvas: inout Canvas, rect: Rect, context: AppContext) {
        guard let meeting else {
            canvas.put("No meeting \(meetingId) in the store.", in: rect, role: .warning)
            return
        }
        let now = context.now
        let (info, body) = rect.splitVertically(topHeight: 2)
        drawStatus(meeting, into: &canvas, info: info, now: now, context: context)
        let layout = panes(body)
        if !layout.agenda.isEmpty {
            drawAgenda(meeting, into: &canvas, rect: layout.agenda, now: now, context: context)
        }
        if !layout.roster.isEmpty { drawRoster(meeting, into: &canvas, rect: layout.roster) }
        if !layout.caseDetail.isEmpty { drawCase(into: &canvas, rect: layout.caseDetail, context: context) }
        if body.width < 100 {
            canvas.put(focus.tabHint, x: rect.maxX - 12, y: rect.maxY - 1, role: .dim)
        }
    }

    /// The meeting's line (status, cases done, start, running time, attendance) and the current case's timer.
    func drawStatus(_ meeting: Meeting, into canvas: inout Canvas, info: Rect, now: Date, context: AppContext) {
        let status =
            meeting.status == .inProgress
            ? "IN PROGRESS" : meeting.status == .closed ? "CLOSED" : "not started (s starts)"
        let done = rows.filter { $0.item.outcome != .pending }.count
        var line = "\(boardName) · \(status) · \(done)/\(rows.count) cases done"
        if meeting.status == .inProgress {
            // The real start (a meeting started before the store kept it reads its planned start).
            let started = meeting.startedAt ?? meeting.startsAt
            line +=
                " · started \(MeetingTime.format(started, in: context.timeZone, timeOnly: true, zoneNamed: true))"
                + " · running \(MeetingTime.clock(Int(now.timeIntervalSince(started))))"
        } else if meeting.status == .planned {
            line += " · planned \(MeetingTime.format(meeting.startsAt, in: context.timeZone, zoneNamed: true))"
        }
        let present = meeting.roster.filter { $0.present == true }.count
        line += " · \(present)/\(meeting.roster.count) present"
        canvas.put(line, in: info, row: 0, role: .title)
        if let row = current {
            let spent = elapsed(row, now: now)
            let planned = row.item.plannedMinutes.map { $0 * 60 }
            let over = planned.map { spent > $0 } ?? false
            let timer =
                "Case \(row.item.position)/\(rows.count) \(context.caseId(row.headline)) · \(MeetingTime.clock(spent))"
                + (planned.map { " of \(MeetingTime.clock($0)) planned" } ?? " (no time planned)")
                + (over ? " · OVER TIME" : "") + (row.item.presenter.map { " · presents: \($0)" } ?? "")
            canvas.put(timer, in: info, row: 1, role: over ? .timerOver : .info)
        }
    }

    /// Agenda and roster on the left, the case on the right from 100 columns; below that, the focused pane alone.
    func panes(_ body: Rect) -> (agenda: Rect, caseDetail: Rect, roster: Rect) {
        var panes = (agenda: Rect.zero, caseDetail: Rect.zero, roster: Rect.zero)
        if body.width >= 100 {
            let (left, right) = body.splitHorizontally(leftWidth: max(40, body.width * 36 / 100))
            (panes.agenda, panes.roster) = left.splitVertically(topHeight: max(3, left.height * 62 / 100))
            panes.caseDetail = right
        } else {
            switch focus {
            case .agenda: panes.agenda = body
            case .caseDetail: panes.caseDetail = body
            case .roster: panes.roster = body
            }
        }
        return panes
    }

    /// The agenda with each case's outcome mark, the patient, the diagnosis and its time against the plan.
    func drawAgenda(
        _ meeting: Meeting, into canvas: inout Canvas, rect agendaRect: Rect, now: Date, context: AppContext
    ) {
        let inner = Pane.draw(&canvas, rect: agendaRect, title: "Agenda", focused: focus == .agenda)
        let rows = rows
        let timed = timedCaseId
        agendaList.render(into: &canvas, rect: inner, focused: focus == .agenda) { [self] index, selected in
            let row = rows[index]
            let mark: String
            switch row.item.outcome {
            case .discussed: mark = "✓"
            case .deferred: mark = "↷"
            case .represent: mark = "↺"
            case .pending: mark = row.item.caseId == timed && meeting.status == .inProgress ? "▶" : "·"
            }
            let spent = elapsed(row, now: now)
            let over = row.item.plannedMinutes.map { spent > $0 * 60 } ?? false
            let time = " \(MeetingTime.clock(spent))/\(row.item.plannedMinutes.map { "\($0)′" } ?? "—")"
            return [
                Span(
                    "\(row.item.position). \(mark) ",
                    role: selected ? .selection : (row.item.outcome == .discussed ? .success : .dim)),
                Span(
                    context.patientLabel(row.headline),
                    role: selected ? .selection : (context.privacy ? .privacy : .normal)),
                Span(
                    " · \(row.headline.oncotreeCode ?? row.headline.diagnosis)",
                    role: selected ? .selection : .title),
                Span(time, role: selected ? .selection : (over ? .timerOver : .dim)),
            ]
        }
    }

    /// Who is present (Space toggles).
    func drawRoster(_ meeting: Meeting, into canvas: inout Canvas, rect rosterRect: Rect) {
        let inner = Pane.draw(
            &canvas, rect: rosterRect, title: "Attendance (Space toggles)", focused: focus == .roster)
        let roster = meeting.roster
        rosterList.render(into: &canvas, rect: inner, focused: focus == .roster) { index, selected in
            let a = roster[index]
            let mark = a.present == true ? "[✓] " : a.present == false ? "[✗] " : "[ ] "
            return [
                Span(mark + a.name, role: selected ? .selection : (a.present == true ? .normal : .dim)),
                Span(" · \(a.discipline.label)", role: selected ? .selection : .dim),
            ]
        }
    }

    /// The current case in tabs, or why there is none.
    func drawCase(into canvas: inout Canvas, rect caseRect: Rect, context: AppContext) {
        let title = current.map { "\(context.caseId($0.headline)) · \(context.patientLabel($0.headline))" } ?? "Case"
        let inner = Pane.draw(&canvas, rect: caseRect, title: title, focused: focus == .caseDetail)
        if let caseView {
            caseView.render(into: &canvas, rect: inner, context: context, focused: focus == .caseDetail)
        } else {
            canvas.put("The agenda is empty.", in: inner, role: .dim)
        }
    }

    public func perform(_ action: AppAction, context: AppContext) -> Navigation {
        switch action {
        case .nextPane:
            focus = focus.next
            return .none
        case .previousPane:
            focus = focus.previous
            return .none
        case .meeting(let a): return meetingAction(a, context: context)
        case .newNote, .editDecision:
            return caseView?.recording(action, meetingId: meetingId) ?? .none
        case .open where focus == .caseDetail:
            return caseView?.recording(.open, meetingId: meetingId) ?? .none
        case .nextTab, .previousTab, .tab, .filterKind, .explain:
            _ = caseView?.perform(action)
            return .none
        case .back:
            try? recordTime(context)
            return .unhandled
        default:
            switch focus {
            case .agenda:
                guard ListKeys.apply(action, to: &agendaList) else { return .unhandled }
                return change(context) {}
            case .caseDetail: return caseView?.perform(action) == true ? .none : .unhandled
            case .roster: return ListKeys.apply(action, to: &rosterList) ? .none : .unhandled
            }
        }
    }

    /// A question before starting a meeting planned for a later day (a wrong meeting opened, or a key pressed by
    /// mistake, would otherwise record today as its start); nil when it is planned for today or earlier.
    func earlyStart(_ context: AppContext) -> Modal? {
        guard let meeting else { return nil }
        let zone = context.timeZone
        let planned = MeetingTime.format(meeting.startsAt, in: zone, dateOnly: true)
        let today = MeetingTime.format(context.now, in: zone, dateOnly: true)
        guard planned > today else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let days =
            calendar.dateComponents(
                [.day], from: calendar.startOfDay(for: context.now), to: calendar.startOfDay(for: meeting.startsAt)
            ).day ?? 1
        return Modal(
            title: "Start \(meetingId) early?",
            body: [
                "This meeting is planned for \(MeetingTime.format(meeting.startsAt, in: zone, zoneNamed: true)),"
                    + " \(days) day\(days == 1 ? "" : "s") from now.",
                "Starting records now as its start time and runs the case timers.",
            ], buttons: ["Start now", "Cancel"], selectedButton: 1)
    }

    func meetingAction(_ action: MeetingAction, context: AppContext) -> Navigation {
        let store = context.store
        switch action {
        case .start: return startMeeting(context)
        case .nextCase, .previousCase:
            guard !rows.isEmpty else { return .none }
            return change(context) {
                if action == .nextCase { agendaList.moveDown() } else { agendaList.moveUp() }
            }
        case .discussed, .represent, .pending:
            guard let row = current else { return .none }
            let outcome: AgendaOutcome =
                action == .discussed ? .discussed : action == .represent ? .represent : .pending
            return change(context) {
                try recordTime(context)
                try store.setOutcome(
                    meetingId: meetingId, caseId: row.item.caseId, outcome, reason: nil, now: context.now)
            }
        case .deferred: return deferCurrentCase(context)
        case .toggleAttendance: return toggleAttendance(context)
        case .close: return closeMeeting(context)
        case .exportMinutes:
            try? recordTime(context)
            try? reload(context)
            return MinutesPrompt.ask(meetingId: meetingId, context: context)
        case .prepare: return .push(MeetingPrepScreen(meetingId: meetingId))
        default: return .unhandled
        }
    }

    /// Starts a planned meeting, after a confirmation when it is started well before its time.
    func startMeeting(_ context: AppContext) -> Navigation {
        guard meeting?.status == .planned else {
            return .message(meeting?.status == .closed ? "The meeting is closed." : "The meeting is running.")
        }
        let start = { [self] in
            change(context) {
                try context.store.startMeeting(id: meetingId, now: context.now)
                timedCaseId = nil
            }
        }
        guard let early = earlyStart(context) else { return start() }
        return .confirm(early) { choice in choice == 0 ? start() : .message("The meeting was not started.") }
    }

    /// Asks why the current case is deferred; deferring needs a reason.
    func deferCurrentCase(_ context: AppContext) -> Navigation {
        guard let row = current else { return .none }
        return .ask("Defer \(context.caseId(row.headline)) because:", initial: row.item.deferReason ?? "") {
            [self] reason in
            guard let reason, !reason.isEmpty else {
                return reason == nil ? .none : .error("Deferring needs a reason.")
            }
            return change(context) {
                try recordTime(context)
                try context.store.setOutcome(
                    meetingId: meetingId, caseId: row.item.caseId, .deferred, reason: reason, now: context.now)
            }
        }
    }

    /// Marks the selected attendee present or absent (from the attendance pane only).
    func toggleAttendance(_ context: AppContext) -> Navigation {
        guard let i = rosterList.selectedIndex, let m = meeting, i < m.roster.count else { return .none }
        if focus != .roster { return .message("Tab to the attendance pane to mark who is present.") }
        let a = m.roster[i]
        return change(context) {
            try context.store.setAttendance(
                meetingId: meetingId, name: a.name, present: !(a.present ?? false), now: context.now)
        }
    }

    /// Closes the meeting after a confirmation that lists the cases still without a signed decision.
    func closeMeeting(_ context: AppContext) -> Navigation {
        guard meeting?.status != .closed else { return .message("The meeting is already closed.") }
        do {
            try recordTime(context)
            let lacking = try context.store.casesWithoutFinalDecision(meetingId: meetingId)
            var body =
                lacking.isEmpty
                ? ["Every discussed case has a signed decision."]
                : ["\(lacking.count) case\(lacking.count == 1 ? "" : "s") without a signed decision:"]
                    + lacking.map {
                        "  \($0.item.position). \(context.caseId($0.headline)) \(context.patientLabel($0.headline)) (\($0.item.outcome.rawValue))"
                    }
            body.append("Close the meeting and record the end time?")
            let modal = Modal(
                title: "Close \(meetingId)", body: body, buttons: ["Close meeting", "Cancel"],
                selectedButton: lacking.isEmpty ? 0 : 1)
            return .confirm(modal) { [self] choice in
                guard choice == 0 else { return .message("The meeting stays open.") }
                let result = change(context) {
                    try context.store.closeMeeting(id: meetingId, now: context.now)
                    caseStartedAt = nil
                }
                if case .error = result { return result }
                return .message(
                    "Meeting closed at \(MeetingTime.format(context.now, in: context.timeZone, zoneNamed: true)). E exports the minutes."
                )
            }
        } catch {
            return .error("\(error)")
        }
    }
}
