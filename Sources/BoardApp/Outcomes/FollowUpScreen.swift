import BoardModel
import BoardStore
import Foundation
import TUIKit

/// The follow-up queue as a list to act on (Home's "Follow-up: …" line, `F`): each case due again with every reason,
/// soonest first. Enter opens the case on its Outcomes tab, `o` records an outcome (which settles a missing one),
/// `a` puts the case on the next meeting of the board that decided it with the reason written as a note.
@MainActor
public final class FollowUpScreen: Screen {
    var items: [FollowUpItem] = []
    var rules = FollowUpRules.standard
    var list = ListView()
    var listRect = Rect.zero

    public init() {}

    public var title: String { "Follow-up" }
    public var keys: KeyTable<AppAction> { Self.keys }

    /// `o` (record an outcome) and Enter (open) are the global keys, acted on here for the selected case.
    static let keys = KeyTable<AppAction>([
        KeyBinding(
            [.char("a")], .scheduleFollowUp,
            help: "Follow-up: add the case to its board's next meeting, with the reason",
            hint: "add to next meeting", group: "Follow-up")
    ])

    /// Added to the Home screen: the way in.
    static let homeKeys = KeyTable<AppAction>([
        KeyBinding(
            [.char("F")], .followUpQueue, help: "Follow-up queue: cases due again, and why", hint: "follow-up",
            group: "Meeting")
    ])

    var selected: FollowUpItem? { list.selectedIndex.flatMap { $0 < items.count ? items[$0] : nil } }

    public func reload(_ context: AppContext) throws {
        items = try context.store.followUpQueue(today: context.today, dueBy: nil)
        rules = try context.store.followUpRules()
        list.setCount(items.count)
    }

    public func render(into canvas: inout Canvas, rect: Rect, context: AppContext) {
        let inner = Pane.draw(&canvas, rect: rect, title: FollowUpItem.summary(items), focused: true)
        guard inner.height > 4 else { return }
        let rule = TextWrap.wrap(
            "Due when a follow-up date comes, or \(rules.noOutcomeDays) days after a recommended treatment without an "
                + "outcome; overdue \(rules.overdueAfterDays) days later.", width: inner.width)
        let (top, rest) = inner.splitVertically(topHeight: min(rule.count, 2))
        for (i, line) in rule.prefix(top.height).enumerated() { canvas.put(line, in: top.row(i), role: .dim) }
        let (main, help) = rest.splitBottom(1)
        canvas.put(
            "Enter open the case · o record an outcome · a add to the next meeting (with the reason)", in: help,
            role: .dim)
        guard !items.isEmpty else {
            listRect = .zero
            canvas.put("Nothing is due for follow-up today.", in: main, role: .dim)
            return
        }
        // The selected case's reasons in full below the list (a row is cut at 80 columns).
        let why =
            selected.map { item in
                TextWrap.wrap(
                    "\(item.caseId) · \(item.diagnosis) · decision \(item.decisionId): \(item.reasonText)",
                    width: main.width)
            } ?? []
        let whyHeight = main.height > 8 ? min(why.count, 4) + 1 : 0
        let (body, detail) = main.splitVertically(topHeight: main.height - whyHeight)
        listRect = body
        let rows = items
        list.render(into: &canvas, rect: body, focused: true) { index, selected in
            let item = rows[index]
            let role: StyleRole = selected ? .selection : (item.status == .overdue ? .warning : .info)
            let when = item.status == .upcoming ? "due \(item.dueOn)" : "\(item.status.rawValue) since \(item.dueOn)"
            return [
                Span("\(item.caseId)  ", role: selected ? .selection : .title),
                Span(when.padding(toLength: 23, withPad: " ", startingAt: 0), role: role),
                Span("\(item.diagnosis) — ", role: selected ? .selection : .normal),
                Span(item.reasonText, role: selected ? .selection : .dim),
            ]
        }
        guard whyHeight > 0 else { return }
        canvas.hLine(x: detail.x, y: detail.y, length: detail.width)
        for (i, line) in why.prefix(whyHeight - 1).enumerated() {
            canvas.put(line, in: detail.row(i + 1), role: .normal)
        }
    }

    public func perform(_ action: AppAction, context: AppContext) -> Navigation {
        switch action {
        case .open:
            guard let item = selected else { return .none }
            return .push(CaseScreen(caseId: item.caseId, tab: CaseView.outcomesTab))
        case .recordOutcome:
            guard let item = selected else { return .none }
            if context.store.isReadOnly { return .error("The store is read-only: no outcome can be recorded.") }
            return .push(OutcomeFormScreen(caseId: item.caseId, today: context.today))
        case .scheduleFollowUp:
            guard let item = selected else { return .none }
            return schedule(item, context: context)
        default:
            return ListKeys.apply(action, to: &list) ? .none : .unhandled
        }
    }

    /// Asks first (Cancel is the default), then adds the case and its reason in one store write.
    func schedule(_ item: FollowUpItem, context: AppContext) -> Navigation {
        if context.store.isReadOnly { return .error("The store is read-only: the agenda cannot change.") }
        let modal = Modal(
            title: "Add \(item.caseId) to the next meeting?",
            body: [
                "The next meeting of the board that made \(item.decisionId).",
                "Reason, written as a note on the case: \(item.reasonText)",
            ], buttons: ["Cancel", "Add"], selectedButton: 0)
        return .confirm(modal) { [self] choice in
            guard choice == 1 else { return .none }
            do {
                let meeting = try context.store.scheduleFollowUp(item, now: context.now)
                try reload(context)
                return .message(
                    "\(item.caseId) added to \(meeting.boardName), \(context.format(meeting.startsAt)), with the reason as a note."
                )
            } catch {
                return .error("\(item.caseId) not added: \(error)")
            }
        }
    }

    public func click(_ event: MouseEvent, rect: Rect, context: AppContext) -> Navigation {
        guard event.isActivation, listRect.contains(x: event.x, y: event.y),
            let index = list.index(atRow: event.y - listRect.y)
        else { return .none }
        let again = list.selectedIndex == index
        list.select(index)
        return again ? perform(.open, context: context) : .none
    }
}
