import BoardModel
import BoardStore
import Foundation
import TUIKit

/// The Prepare screen's changes to the agenda and the meeting's details, one per key: the agenda (mark, add, move,
/// remove) and the questions at the bottom line (presenter, minutes, start, location, chair, attendee).
extension MeetingPrepScreen {
    /// Space in the backlog: marks or unmarks the case and moves on.
    func toggleMark() -> Navigation {
        guard focus == .backlog, let i = backlogList.selectedIndex, i < candidates.count else { return .none }
        let id = candidates[i].headline.id
        if marked.contains(id) { marked.remove(id) } else { marked.insert(id) }
        backlogList.moveDown()
        return .none
    }

    /// Adds the marked backlog cases (or the selected one) to the end of the agenda.
    func addMarked(_ context: AppContext) -> Navigation {
        let store = context.store
        let now = context.now
        var ids = candidates.map(\.headline.id).filter { marked.contains($0) }
        if ids.isEmpty, focus == .backlog, let i = backlogList.selectedIndex, i < candidates.count {
            ids = [candidates[i].headline.id]
        }
        guard !ids.isEmpty else { return .message("Mark cases in the backlog with Space, then press a.") }
        return change(context) {
            try store.addToAgenda(meetingId: meetingId, caseIds: ids, presenter: nil, plannedMinutes: nil, now: now)
            marked = []
            agenda.list.setCount(rows.count + ids.count)
            agenda.list.end()
        }
    }

    /// J/K: moves the selected agenda case one place up or down.
    func moveSelected(_ action: MeetingAction, _ context: AppContext) -> Navigation {
        let store = context.store
        let now = context.now
        guard focus == .agenda, let row = selectedRow else { return .none }
        let target = row.item.position + (action == .moveCaseUp ? -1 : 1)
        guard target >= 1, target <= rows.count else { return .none }
        return change(context) {
            try store.moveAgendaItem(meetingId: meetingId, caseId: row.item.caseId, to: target, now: now)
            agenda.list.select(target - 1)
        }
    }

    /// x: takes the selected case off the agenda, or the selected person off the roster.
    func removeSelected(_ context: AppContext) -> Navigation {
        let store = context.store
        let now = context.now
        if focus == .roster {
            guard let i = rosterList.selectedIndex, let m = meeting, i < m.roster.count else { return .none }
            let name = m.roster[i].name
            return change(context) {
                try store.updateMeeting(id: meetingId, now: now) { $0.roster.removeAll { $0.name == name } }
            }
        }
        guard focus == .agenda, let row = selectedRow else { return .none }
        return change(context) {
            try store.removeFromAgenda(meetingId: meetingId, caseId: row.item.caseId, now: now)
        }
    }

    /// Asks who presents the selected case (Tab completes from the roster).
    func askPresenter(_ context: AppContext) -> Navigation {
        let store = context.store
        let now = context.now
        guard let row = selectedRow else { return .none }
        let names = (meeting?.roster.map(\.name) ?? []) + [meeting?.chair].compactMap { $0 }
        return .askName(
            "Presenter for \(context.caseId(row.headline)) (Tab completes from the roster):",
            initial: row.item.presenter ?? meeting?.chair ?? "", names: names
        ) { [self] answer in
            guard let answer else { return .none }
            return change(context) {
                try store.setAgendaItem(
                    meetingId: meetingId, caseId: row.item.caseId, presenter: .some(answer.isEmpty ? nil : answer),
                    plannedMinutes: nil, now: now)
            }
        }
    }

    /// Asks for the selected case's planned minutes.
    func askMinutes(_ context: AppContext) -> Navigation {
        let store = context.store
        let now = context.now
        guard let row = selectedRow else { return .none }
        // The prompt starts empty (a pre-filled "10" turned a typed 12 into 1012): Enter alone keeps the value, "-" clears it.
        let range = ValidValues.plannedMinutesRange
        let current = row.item.plannedMinutes.map { "now \($0); Enter keeps it, - clears" } ?? "none yet"
        return .ask(
            "Planned minutes for \(context.caseId(row.headline)) (\(range.lowerBound)–\(range.upperBound), \(current)):",
            initial: ""
        ) { [self] answer in
            guard let answer, !answer.isEmpty else { return .none }
            var minutes: Int?
            if answer != "-" {
                do throws(InvalidValue) { minutes = try ValidValues.plannedMinutes(parsing: answer) } catch {
                    return .error("Planned minutes: \(error.reason).")
                }
            }
            return change(context) {
                try store.setAgendaItem(
                    meetingId: meetingId, caseId: row.item.caseId, presenter: nil, plannedMinutes: .some(minutes),
                    now: now)
            }
        }
    }

    /// Asks for the meeting's start time in the board's zone.
    func askStart(_ context: AppContext) -> Navigation {
        let store = context.store
        let now = context.now
        guard let m = meeting else { return .none }
        let zone = MeetingTime.zoneName(context.timeZone, at: m.startsAt)
        return .ask(
            "Starts (YYYY-MM-DD HH:MM, \(zone)):", initial: MeetingTime.format(m.startsAt, in: context.timeZone)
        ) {
            [self] answer in
            guard let answer else { return .none }
            guard let date = MeetingTime.parse(answer, in: context.timeZone) else {
                return .error("“\(answer)” is not a time (YYYY-MM-DD HH:MM).")
            }
            return change(context) { try store.updateMeeting(id: meetingId, now: now) { $0.startsAt = date } }
        }
    }

    /// Asks for the meeting's location or its chair (Tab completes the chair from the roster).
    func askDetail(_ action: MeetingAction, _ context: AppContext) -> Navigation {
        let store = context.store
        let now = context.now
        guard let m = meeting else { return .none }
        let isLocation = action == .editLocation
        let save: (String?) -> Navigation = { [self] answer in
            guard let answer else { return .none }
            let value = answer.isEmpty ? nil : answer
            return change(context) {
                try store.updateMeeting(id: meetingId, now: now) {
                    if isLocation { $0.location = value } else { $0.chair = value }
                }
            }
        }
        if isLocation { return .ask("Location or video link:", initial: m.location ?? "", save) }
        return .askName(
            "Chair (Tab completes from the roster):", initial: m.chair ?? "", names: m.roster.map(\.name), save)
    }

    /// Asks for a roster member as "Name:discipline".
    func askAttendee(_ context: AppContext) -> Navigation {
        let store = context.store
        let now = context.now
        return .ask("Attendee (Name:discipline):", initial: "") { [self] answer in
            guard let answer, !answer.isEmpty else { return .none }
            guard let attendee = Self.attendee(answer) else {
                return .error(
                    "Write “Name:discipline”; disciplines: "
                        + Discipline.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return change(context) {
                try store.updateMeeting(id: meetingId, now: now) { $0.roster.append(attendee) }
            }
        }
    }
}
