import BoardFormats
import BoardModel
import BoardStore
import Foundation
import TUIKit

/// The first screen: the boards' meetings (upcoming, then past) and the backlog of cases not yet on an agenda.
@MainActor
public final class HomeScreen: Screen {
    var upcoming: [MeetingSummary] = []
    var past: [MeetingSummary] = []
    var backlog: [CaseHeadline] = []
    /// Cases due for follow-up today (the store's query over signed decisions); shown above the backlog when any.
    var followUp: [FollowUpItem] = []
    /// All cases in the backlog; only the first `backlogPage` are listed.
    var backlogTotal = 0
    static let backlogPage = 500
    var meetingList = ListView()
    var backlogList = ListView()
    /// The pane with the keyboard.
    enum Focus: String, PaneCycle { case meetings, backlog }
    var focus = Focus.meetings
    var lastRects: (meetings: Rect, backlog: Rect) = (.zero, .zero)
    /// Where the follow-up line was drawn: a click on it opens the queue.
    var followUpLine = Rect.zero

    public init() {}

    public var title: String { "Home" }
    public var keys: KeyTable<AppAction> { MeetingKeys.homeScreen + FollowUpScreen.homeKeys }

    var meetings: [MeetingSummary] { upcoming + past }

    public func reload(_ context: AppContext) throws {
        (upcoming, past) = try context.store.meetings(around: context.now, limit: 200)
        backlog = try context.store.backlog(limit: Self.backlogPage, offset: 0)
        backlogTotal = backlog.count < Self.backlogPage ? backlog.count : try context.store.backlogCount()
        followUp = try context.store.followUpQueue(today: context.today, dueBy: nil)
        meetingList.setCount(meetings.count)
        backlogList.setCount(backlog.count)
    }

    public func render(into canvas: inout Canvas, rect: Rect, context: AppContext) {
        let twoPanes = rect.width >= 100
        let meetingsRect: Rect
        let backlogRect: Rect
        if twoPanes {
            let (left, right) = rect.splitHorizontally(leftWidth: rect.width * 45 / 100)
            meetingsRect = left
            backlogRect = right
        } else {
            meetingsRect = focus == .meetings ? rect : .zero
            backlogRect = focus == .backlog ? rect : .zero
        }
        lastRects = (meetingsRect, backlogRect)
        if !meetingsRect.isEmpty { renderMeetings(into: &canvas, rect: meetingsRect, context: context) }
        if !backlogRect.isEmpty { renderBacklog(into: &canvas, rect: backlogRect, context: context) }
        if !twoPanes {
            canvas.put(
                focus == .meetings ? "Tab: backlog" : "Tab: meetings", x: rect.maxX - 14, y: rect.maxY - 1, role: .dim)
        }
    }

    /// The meetings pane: upcoming first (marked ▸), then past ones.
    private func renderMeetings(into canvas: inout Canvas, rect: Rect, context: AppContext) {
        let inner = Pane.draw(
            &canvas, rect: rect, title: "Meetings (\(upcoming.count) upcoming, \(past.count) past)",
            focused: focus == .meetings)
        if meetings.isEmpty {
            canvas.put(
                "No meetings yet. Import a board (tumorboard import) or see `tumorboard demo`.", in: inner,
                role: .dim)
        } else {
            let rows = meetings
            let upcomingCount = upcoming.count
            meetingList.render(into: &canvas, rect: inner, focused: focus == .meetings) { index, selected in
                let m = rows[index]
                let when = context.format(m.startsAt)
                let mark = index < upcomingCount ? "▸" : " "
                let status =
                    index < upcomingCount
                    ? (m.status == .inProgress ? "in progress" : "upcoming") : m.status.rawValue
                return [
                    Span("\(mark) \(when)  ", role: selected ? .selection : .normal),
                    Span(m.boardName, role: selected ? .selection : .title),
                    Span("  \(m.caseCount) cases  ", role: selected ? .selection : .normal),
                    Span(status, role: selected ? .selection : (index < upcomingCount ? .info : .dim)),
                ]
            }
        }
    }

    /// The backlog pane: the first follow-up due above the cases not on an agenda.
    private func renderBacklog(into canvas: inout Canvas, rect: Rect, context: AppContext) {
        var inner = Pane.draw(
            &canvas, rect: rect,
            title: "Backlog: \(backlogTotal) case\(backlogTotal == 1 ? "" : "s") not on an agenda"
                + (backlogTotal > backlog.count ? " (first \(backlog.count) listed)" : ""),
            focused: focus == .backlog)
        followUpLine = .zero
        if !followUp.isEmpty, inner.height > 2 {
            let (line, rest) = inner.splitVertically(topHeight: 1)
            let first = followUp[0]
            canvas.put(
                FollowUpItem.summary(followUp) + " · F list · first \(first.caseId): \(first.reasonText)", in: line,
                role: followUp.contains { $0.status == .overdue } ? .warning : .info)
            followUpLine = line
            inner = rest
        }
        if backlog.isEmpty {
            canvas.put("The backlog is empty.", in: inner, role: .dim)
        } else {
            let rows = backlog
            backlogList.render(into: &canvas, rect: inner, focused: focus == .backlog) { index, selected in
                let c = rows[index]
                let ready = c.missing.isEmpty ? "ready" : "missing \(c.missing.count)"
                return [
                    Span(
                        "\(context.caseId(c))  ",
                        role: selected ? .selection : .dim),
                    Span(
                        context.patientLabel(c),
                        role: selected ? .selection : (context.privacy ? .privacy : .normal)),
                    Span("  \(c.diagnosis)  ", role: selected ? .selection : .normal),
                    Span(ready, role: selected ? .selection : (c.missing.isEmpty ? .success : .warning)),
                ]
            }
        }
    }

    public func perform(_ action: AppAction, context: AppContext) -> Navigation {
        switch action {
        case .nextPane, .previousPane:
            focus = focus.next
        case .left: focus = .meetings
        case .right: focus = .backlog
        case .open:
            if focus == .meetings, let i = meetingList.selectedIndex, i < meetings.count {
                return .push(MeetingScreen(meetingId: meetings[i].id))
            }
            if focus == .backlog, let i = backlogList.selectedIndex, i < backlog.count {
                return .push(CaseScreen(caseId: backlog[i].id))
            }
        case .back: return .unhandled
        case .meeting(.newMeeting): return MeetingKeys.newMeeting(context: context)
        case .followUpQueue: return .push(FollowUpScreen())
        default:
            if focus == .meetings { return ListKeys.apply(action, to: &meetingList) ? .none : .unhandled }
            return ListKeys.apply(action, to: &backlogList) ? .none : .unhandled
        }
        return .none
    }

    public func click(_ event: MouseEvent, rect: Rect, context: AppContext) -> Navigation {
        if event.isActivation, followUpLine.contains(x: event.x, y: event.y) { return .push(FollowUpScreen()) }
        for (pane, paneRect) in [(Focus.meetings, lastRects.meetings), (.backlog, lastRects.backlog)]
        where paneRect.contains(x: event.x, y: event.y) {
            focus = pane
            var inner = paneRect.inset(by: 1)
            if pane == .backlog, !followUp.isEmpty, inner.height > 2 { inner = inner.inset(top: 1) }
            switch event.kind {
            case .wheelUp: pane == .meetings ? meetingList.scroll(by: -3) : backlogList.scroll(by: -3)
            case .wheelDown: pane == .meetings ? meetingList.scroll(by: 3) : backlogList.scroll(by: 3)
            default:
                guard event.isActivation, inner.contains(x: event.x, y: event.y) else { return .none }
                let list = pane == .meetings ? meetingList : backlogList
                if let index = list.index(atRow: event.y - inner.y) {
                    let wasSelected = list.selectedIndex == index
                    if pane == .meetings { meetingList.select(index) } else { backlogList.select(index) }
                    if wasSelected { return perform(.open, context: context) }
                }
            }
        }
        return .none
    }
}

/// Movement actions shared by every scrolling text.
enum TextKeys {
    static func apply(_ action: AppAction, to text: inout TextView, page: Int = 10) -> Bool {
        switch action {
        case .up: text.scroll(by: -1)
        case .down: text.scroll(by: 1)
        case .pageUp: text.scroll(by: -max(1, page))
        case .pageDown: text.scroll(by: max(1, page))
        case .top: text.scrollToTop()
        case .bottom: text.scrollToBottom()
        default: return false
        }
        return true
    }
}

/// Movement actions shared by every list.
enum ListKeys {
    static func apply(_ action: AppAction, to list: inout ListView) -> Bool {
        switch action {
        case .up: list.moveUp()
        case .down: list.moveDown()
        case .top: list.home()
        case .bottom: list.end()
        case .pageUp: list.pageUp()
        case .pageDown: list.pageDown()
        default: return false
        }
        return true
    }
}
