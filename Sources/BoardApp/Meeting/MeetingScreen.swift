import BoardModel
import BoardStore
import Foundation
import TUIKit

/// A meeting: the agenda on the left, the selected case on the right (one pane at a time below 100 columns).
@MainActor
public final class MeetingScreen: Screen, MeetingLoading {
    let meetingId: String
    var meeting: Meeting?
    var boardName = ""
    var rows: [AgendaRow] = []
    var agendaList = ListView()
    var caseView: CaseView?
    /// The pane with the keyboard: the agenda or the selected case.
    enum Focus: String, PaneCycle {
        case agenda
        case caseDetail = "case"
    }
    var focus = Focus.agenda
    var agendaRect = Rect.zero
    var caseRect = Rect.zero

    public init(meetingId: String) { self.meetingId = meetingId }
    public var keys: KeyTable<AppAction> { MeetingKeys.meetingScreen }

    public var title: String {
        guard let meeting else { return "Meeting \(meetingId)" }
        return
            "\(boardName) · \(meeting.status == .closed ? "closed" : meeting.status == .inProgress ? "in progress" : "planned")"
    }

    public func reload(_ context: AppContext) throws {
        try loadMeeting(context)
        agendaList.setCount(rows.count)
        try syncCase(context)
    }

    /// Loads the selected agenda case into the right pane (keeping its tab), or refreshes it.
    func syncCase(_ context: AppContext) throws {
        guard let i = agendaList.selectedIndex, i < rows.count else {
            caseView = nil
            return
        }
        let id = rows[i].headline.id
        if caseView?.caseId != id { caseView = CaseView(caseId: id, tab: caseView?.tabs.active ?? 0) }
        try caseView?.reload(context)
    }

    public func render(into canvas: inout Canvas, rect: Rect, context: AppContext) {
        guard let meeting else {
            canvas.put("No meeting \(meetingId) in the store.", in: rect, role: .warning)
            return
        }
        let (info, body) = rect.splitVertically(topHeight: 1)
        var infoText =
            context.format(meeting.startsAt) + " " + MeetingTime.zoneName(context.timeZone, at: meeting.startsAt)
        if let location = meeting.location { infoText += " · \(location)" }
        if let chair = meeting.chair { infoText += " · chair \(chair)" }
        infoText += " · \(rows.count) cases"
        let planned = rows.compactMap(\.item.plannedMinutes).reduce(0, +)
        if planned > 0 { infoText += ", \(planned) min planned" }
        canvas.put(infoText, in: info, role: .info)
        let twoPanes = body.width >= 100
        if twoPanes {
            let (left, right) = body.splitHorizontally(leftWidth: max(44, body.width * 40 / 100))
            agendaRect = left
            caseRect = right
        } else {
            agendaRect = focus == .agenda ? body : .zero
            caseRect = focus == .caseDetail ? body : .zero
        }
        if !agendaRect.isEmpty { renderAgenda(into: &canvas, rect: agendaRect, context: context) }
        if !caseRect.isEmpty {
            let headline = agendaList.selectedIndex.flatMap { $0 < rows.count ? rows[$0].headline : nil }
            let title = headline.map { "\($0.id) · \(context.patientLabel($0))" } ?? "Case"
            let inner = Pane.draw(&canvas, rect: caseRect, title: title, focused: focus == .caseDetail)
            if let caseView {
                caseView.render(into: &canvas, rect: inner, context: context, focused: focus == .caseDetail)
            } else {
                canvas.put("The agenda is empty.", in: inner, role: .dim)
            }
        }
    }

    private func renderAgenda(into canvas: inout Canvas, rect: Rect, context: AppContext) {
        let inner = Pane.draw(&canvas, rect: rect, title: "Agenda", focused: focus == .agenda)
        guard !rows.isEmpty else {
            canvas.put("No cases on this agenda.", in: inner, role: .dim)
            return
        }
        let rows = rows
        agendaList.render(into: &canvas, rect: inner, focused: focus == .agenda) { index, selected in
            let row = rows[index]
            let h = row.headline
            let mark: String
            switch row.item.outcome {
            case .discussed: mark = "✓"
            case .deferred: mark = "↷"
            case .represent: mark = "↺"
            case .pending: mark = h.missing.isEmpty ? "·" : "!"
            }
            let markRole: StyleRole = row.item.outcome == .discussed ? .success : (mark == "!" ? .warning : .dim)
            let presenter = row.item.presenter.map { " · \($0)" } ?? ""
            let minutes = row.item.plannedMinutes.map { " \($0)′" } ?? ""
            return [
                Span("\(row.item.position). ", role: selected ? .selection : .dim),
                Span(mark + " ", role: selected ? .selection : markRole),
                Span(context.patientLabel(h), role: selected ? .selection : (context.privacy ? .privacy : .normal)),
                Span(" · \(h.oncotreeCode ?? h.diagnosis)", role: selected ? .selection : .title),
                Span("\(presenter)\(minutes)", role: selected ? .selection : .dim),
            ]
        }
    }

    public func perform(_ action: AppAction, context: AppContext) -> Navigation {
        let wide = context.body.width >= 100
        switch action {
        case .nextPane, .previousPane:
            focus = focus.next
            return .none
        case .right where focus == .agenda:
            focus = .caseDetail
            return .none
        case .left where focus == .caseDetail && (caseView?.tabs.active ?? 0) == 0:
            focus = .agenda
            return .none
        case .left where focus == .caseDetail:
            _ = caseView?.perform(.previousTab)
            return .none
        case .right where focus == .caseDetail:
            _ = caseView?.perform(.nextTab)
            return .none
        case .open where focus == .agenda:
            if !wide {
                focus = .caseDetail
                return .none
            }
            guard let i = agendaList.selectedIndex, i < rows.count else { return .none }
            return .push(CaseScreen(caseId: rows[i].headline.id, tab: caseView?.tabs.active ?? 0))
        case .back where focus == .caseDetail && !wide:
            focus = .agenda
            return .none
        case .meeting(.prepare): return .push(MeetingPrepScreen(meetingId: meetingId))
        case .meeting(.runMeeting): return .push(MeetingModeScreen(meetingId: meetingId))
        case .meeting(.exportMinutes): return MinutesPrompt.ask(meetingId: meetingId, context: context)
        case .newNote, .editDecision:
            return caseView?.recording(action, meetingId: meetingId) ?? .none
        case .open where focus == .caseDetail:
            return caseView?.recording(.open, meetingId: meetingId) ?? .none
        case .nextTab, .previousTab, .tab, .filterKind, .explain:
            _ = caseView?.perform(action)
            return .none
        default:
            if focus == .agenda {
                guard ListKeys.apply(action, to: &agendaList) else { return .unhandled }
                try? syncCase(context)
                return .none
            }
            return caseView?.perform(action) == true ? .none : .unhandled
        }
    }

    public func click(_ event: MouseEvent, rect: Rect, context: AppContext) -> Navigation {
        if agendaRect.contains(x: event.x, y: event.y) {
            focus = .agenda
            let inner = agendaRect.inset(by: 1)
            switch event.kind {
            case .wheelUp: agendaList.moveUp(3)
            case .wheelDown: agendaList.moveDown(3)
            default:
                guard event.isActivation, let i = agendaList.index(atRow: event.y - inner.y),
                    inner.contains(x: event.x, y: event.y)
                else { return .none }
                agendaList.select(i)
            }
            try? syncCase(context)
        } else if caseRect.contains(x: event.x, y: event.y) {
            focus = .caseDetail
            _ = caseView?.click(event)
        }
        return .none
    }
}
