import BoardModel
import BoardStore
import Foundation
import TUIKit

/// Preparing a meeting: its details and roster, and the agenda built from the backlog (suggestions first),
/// reordered with J/K, with presenter, planned minutes and a readiness column from the missing-data checklist.
/// Below 100 columns one pane shows at a time (Tab cycles agenda → backlog → roster).
@MainActor
public final class MeetingPrepScreen: Screen, MeetingLoading {
    let meetingId: String
    var meeting: Meeting?
    var boardName = ""
    var rows: [AgendaRow] = []
    /// Suggestions first, then the rest of the backlog.
    var candidates: [(headline: CaseHeadline, reason: String?)] = []
    var marked: Set<String> = []
    var agenda = Table(columns: [
        .init("#", minWidth: 2, alignment: .right), .init("Case", minWidth: 6), .init("Patient", minWidth: 10, flex: 2),
        .init("Diagnosis", minWidth: 8, flex: 2), .init("Presenter", minWidth: 8, flex: 1),
        .init("Min", minWidth: 3, alignment: .right),
        .init("Readiness", minWidth: 9, flex: 2),
    ])
    var backlogList = ListView()
    var rosterList = ListView()
    /// The pane with the keyboard, in reading order.
    enum Focus: String, PaneCycle { case agenda, backlog, roster }
    var focus = Focus.agenda

    public init(meetingId: String) { self.meetingId = meetingId }

    public var title: String { "Prepare \(meetingId)" }
    public var keys: KeyTable<AppAction> { MeetingKeys.preparation }

    public func reload(_ context: AppContext) throws {
        guard let meeting = try loadMeeting(context) else { return }
        let suggestions = meeting.status == .closed ? [] : try context.store.agendaSuggestions(meetingId: meetingId)
        let suggested = Set(suggestions.map(\.headline.id))
        let onAgenda = Set(rows.map(\.headline.id))
        candidates =
            suggestions.map { ($0.headline, $0.reason.label) }
            + (try context.store.backlog(limit: 1000, offset: 0)).filter {
                !suggested.contains($0.id) && !onAgenda.contains($0.id)
            }.map { ($0, nil) }
        marked = marked.intersection(candidates.map(\.headline.id))
        agenda.rows = rows.map { row in
            let h = row.headline
            return [
                Table.Cell("\(row.item.position)"), Table.Cell(context.caseId(h)),
                Table.Cell(context.patientLabel(h), role: context.privacy ? .privacy : nil),
                Table.Cell(h.oncotreeCode ?? h.diagnosis), Table.Cell(row.item.presenter ?? "—"),
                Table.Cell(row.item.plannedMinutes.map(String.init) ?? "—"), Self.readiness(h),
            ]
        }
        backlogList.setCount(candidates.count)
        rosterList.setCount(meeting.roster.count)
    }

    static func readiness(_ h: CaseHeadline) -> Table.Cell {
        h.missing.isEmpty
            ? Table.Cell("ready", role: .success)
            : Table.Cell("missing " + h.missing.map(\.label).joined(separator: ", "), role: .warning)
    }

    public func render(into canvas: inout Canvas, rect: Rect, context: AppContext) {
        guard let meeting else {
            canvas.put("No meeting \(meetingId) in the store.", in: rect, role: .warning)
            return
        }
        let (info, body) = rect.splitVertically(topHeight: 2)
        let zone = MeetingTime.zoneName(context.timeZone, at: meeting.startsAt)
        var line1 = "\(boardName) · \(context.format(meeting.startsAt)) \(zone) · \(meeting.status.rawValue)"
        line1 += " · chair \(meeting.chair ?? "—")"
        canvas.put(line1, in: info, row: 0, role: .title)
        let planned = rows.compactMap(\.item.plannedMinutes).reduce(0, +)
        let ready = rows.filter { $0.headline.missing.isEmpty }.count
        canvas.put(
            "\(meeting.location ?? "no location (L)") · \(rows.count) cases, \(ready) ready, \(planned) min planned · \(meeting.roster.count) on the roster",
            in: info, row: 1, role: .info)
        var agendaRect = Rect.zero
        var backlogRect = Rect.zero
        var rosterRect = Rect.zero
        if body.width >= 100 {
            let (left, right) = body.splitHorizontally(leftWidth: body.width * 55 / 100)
            agendaRect = left
            (backlogRect, rosterRect) = right.splitVertically(topHeight: max(3, right.height * 65 / 100))
        } else {
            switch focus {
            case .agenda: agendaRect = body
            case .backlog: backlogRect = body
            case .roster: rosterRect = body
            }
        }
        if !agendaRect.isEmpty { renderAgenda(into: &canvas, rect: agendaRect) }
        if !backlogRect.isEmpty { renderBacklog(into: &canvas, rect: backlogRect, context: context) }
        if !rosterRect.isEmpty { renderRoster(into: &canvas, rect: rosterRect, meeting: meeting) }
        if body.width < 100 {
            canvas.put(
                focus.tabHint, x: rect.maxX - 13, y: rect.maxY - 1, role: .dim)
        }
    }

    /// The agenda pane, in presentation order.
    private func renderAgenda(into canvas: inout Canvas, rect: Rect) {
        let inner = Pane.draw(
            &canvas, rect: rect, title: "Agenda (J/K reorder, r presenter, t minutes, x remove)",
            focused: focus == .agenda)
        if rows.isEmpty {
            canvas.put("Empty: mark cases in the backlog (Space) and add them (a).", in: inner, role: .dim)
        } else {
            agenda.render(into: &canvas, rect: inner, focused: focus == .agenda)
        }
    }

    /// The backlog pane: cases to add, suggested ones first with the reason, marked ones ticked.
    private func renderBacklog(into canvas: inout Canvas, rect: Rect, context: AppContext) {
        let inner = Pane.draw(
            &canvas, rect: rect, title: "Add cases: suggested first (Space mark, a add)",
            focused: focus == .backlog
        )
        if candidates.isEmpty { canvas.put("The backlog is empty.", in: inner, role: .dim) }
        let candidates = candidates
        let marked = marked
        backlogList.render(into: &canvas, rect: inner, focused: focus == .backlog) { index, selected in
            let (h, reason) = candidates[index]
            let mark = marked.contains(h.id) ? "[x] " : "[ ] "
            var spans = [
                Span(mark, role: selected ? .selection : .normal),
                Span("\(context.caseId(h)) ", role: selected ? .selection : .dim),
                Span(context.patientLabel(h), role: selected ? .selection : (context.privacy ? .privacy : .normal)),
                Span(" · \(h.oncotreeCode ?? h.diagnosis)", role: selected ? .selection : .title),
            ]
            if let reason { spans.append(Span(" · ★ \(reason)", role: selected ? .selection : .info)) }
            spans.append(
                Span(
                    h.missing.isEmpty ? " · ready" : " · missing \(h.missing.count)",
                    role: selected ? .selection : (h.missing.isEmpty ? .success : .warning)))
            return spans
        }
    }

    /// The roster pane: who attends and in which discipline, the chair named.
    private func renderRoster(into canvas: inout Canvas, rect: Rect, meeting: Meeting) {
        let inner = Pane.draw(
            &canvas, rect: rect, title: "Roster (A add, x remove)", focused: focus == .roster)
        if meeting.roster.isEmpty { canvas.put("Nobody yet: A adds “Name:discipline”.", in: inner, role: .dim) }
        let roster = meeting.roster
        let chair = meeting.chair
        rosterList.render(into: &canvas, rect: inner, focused: focus == .roster) { index, selected in
            let a = roster[index]
            return [
                Span(a.name + (a.name == chair ? " (chair)" : ""), role: selected ? .selection : .normal),
                Span(" · \(a.discipline.label)", role: selected ? .selection : .dim),
            ]
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
        // h/← and l/→ step through the panes in reading order (agenda, backlog, roster), as the help says.
        case .left:
            focus = focus.stepped(-1, wrapping: false)
            return .none
        case .right:
            focus = focus.stepped(1, wrapping: false)
            return .none
        case .meeting(let a): return meetingAction(a, context: context)
        case .open where focus == .agenda:
            guard let i = agenda.selectedRow, i < rows.count else { return .none }
            return .push(CaseScreen(caseId: rows[i].headline.id))
        case .open where focus == .backlog:
            guard let i = backlogList.selectedIndex, i < candidates.count else { return .none }
            return .push(CaseScreen(caseId: candidates[i].headline.id))
        default:
            let handled: Bool
            switch focus {
            case .agenda: handled = ListKeys.apply(action, to: &agenda.list)
            case .backlog: handled = ListKeys.apply(action, to: &backlogList)
            case .roster: handled = ListKeys.apply(action, to: &rosterList)
            }
            return handled ? .none : .unhandled
        }
    }

    var selectedRow: AgendaRow? { agenda.selectedRow.flatMap { $0 < rows.count ? rows[$0] : nil } }

    func meetingAction(_ action: MeetingAction, context: AppContext) -> Navigation {
        switch action {
        case .toggleMark: return toggleMark()
        case .addCases: return addMarked(context)
        case .moveCaseUp, .moveCaseDown: return moveSelected(action, context)
        case .removeCase: return removeSelected(context)
        case .setPresenter: return askPresenter(context)
        case .setMinutes: return askMinutes(context)
        case .editStart: return askStart(context)
        case .editLocation, .editChair: return askDetail(action, context)
        case .addAttendee: return askAttendee(context)
        case .importList: return importList(context)
        case .runMeeting: return .push(MeetingModeScreen(meetingId: meetingId))
        case .exportMinutes: return MinutesPrompt.ask(meetingId: meetingId, context: context)
        default: return .unhandled
        }
    }

    /// Asks for a spreadsheet case list, shows the dry run's summary (nothing written yet), and imports it into this
    /// meeting's agenda only when confirmed. A file that cannot be read keeps the prompt with the path typed.
    func importList(_ context: AppContext) -> Navigation {
        guard meeting?.status != .closed else { return .error("The meeting is closed; its agenda is final.") }
        return .ask("Case list to import (CSV/TSV file):", initial: "") { [self] answer in
            guard let path = answer?.trimmingCharacters(in: .whitespaces), !path.isEmpty else { return .none }
            let preview: [String]
            do {
                preview = try CaseListImport.run(
                    path: path, meetingId: meetingId, store: context.store, dryRun: true, now: context.now)
            } catch {
                return .error("\(error)")
            }
            let file = URL(fileURLWithPath: path).lastPathComponent
            let modal = Modal(
                title: "Import \(file) into \(meetingId)?", body: preview, buttons: ["Import", "Cancel"],
                selectedButton: 1)
            return .confirm(modal) { [self] choice in
                guard choice == 0 else { return .message("Nothing imported from \(file).") }
                var done: [String] = []
                let result = change(context) {
                    done = try CaseListImport.run(
                        path: path, meetingId: meetingId, store: context.store, dryRun: false, now: context.now)
                }
                if case .error = result { return result }
                return .message(done.joined(separator: " ").replacingOccurrences(of: "  ", with: " "))
            }
        }
    }

    /// "Name:discipline", the discipline by its id or label ("radiation oncology").
    static func attendee(_ text: String) -> Attendee? {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        let name = text[..<colon].trimmingCharacters(in: .whitespaces)
        let key = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: " ", with: "-")
        guard !name.isEmpty, let discipline = Discipline(rawValue: key) else { return nil }
        return Attendee(name: name, discipline: discipline)
    }
}
