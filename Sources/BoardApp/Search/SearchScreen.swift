import BoardModel
import BoardStore
import TUIKit

/// Full-text results for a query over the whole store; Enter opens the case or trial.
@MainActor
public final class SearchScreen: Screen {
    let query: String
    var hits: [SearchHit] = []
    var list = ListView()
    var listRect = Rect.zero

    /// At most this many hits are listed (the heading says "First 200" when there may be more).
    static let limit = 200

    public init(query: String) { self.query = query }

    public var title: String { "Search: \(query)" }

    public func reload(_ context: AppContext) throws {
        hits = try context.store.search(query, limit: Self.limit)
        list.setCount(hits.count)
    }

    public func render(into canvas: inout Canvas, rect: Rect, context: AppContext) {
        let inner = Pane.draw(
            &canvas, rect: rect,
            title:
                "\(hits.count == Self.limit ? "First \(hits.count)" : "\(hits.count)") result\(hits.count == 1 ? "" : "s") for “\(query)”",
            focused: true)
        listRect = inner
        guard !hits.isEmpty else {
            canvas.put(
                "Nothing found. Search matches names, MRNs, diagnoses, genes and variants, notes and trials; accents are optional.",
                in: inner, role: .dim)
            return
        }
        let hits = hits
        list.render(into: &canvas, rect: inner) { index, selected in
            let hit = hits[index]
            let kind = hit.kind.padding(toLength: 9, withPad: " ", startingAt: 0)
            // Case documents carry the patient's name as their title: hide it in privacy mode.
            let title = context.privacy && hit.kind == "case" ? "(masked)" : hit.title
            // Notes and case text may name the patient: no snippet of them in privacy mode.
            let snippet =
                context.privacy && (hit.kind == "case" || hit.kind == "note") ? "(masked in privacy mode)" : hit.snippet
            return [
                Span(kind, role: selected ? .selection : .dim),
                Span((hit.caseId ?? hit.ref) + "  ", role: selected ? .selection : .title),
                Span(title + "  ", role: selected ? .selection : .normal),
                Span(snippet.replacingOccurrences(of: "\n", with: " "), role: selected ? .selection : .dim),
            ]
        }
    }

    public func perform(_ action: AppAction, context: AppContext) -> Navigation {
        if action == .open, let i = list.selectedIndex, i < hits.count {
            let hit = hits[i]
            if let caseId = hit.caseId {
                return .push(CaseScreen(caseId: caseId, tab: hit.kind == "findings" ? 1 : (hit.kind == "note" ? 3 : 0)))
            }
            if hit.kind == "trial" { return .push(TrialScreen(trialId: hit.ref)) }
            return .none
        }
        return ListKeys.apply(action, to: &list) ? .none : .unhandled
    }

    public func click(_ event: MouseEvent, rect: Rect, context: AppContext) -> Navigation {
        switch event.kind {
        case .wheelUp: list.moveUp(3)
        case .wheelDown: list.moveDown(3)
        default:
            guard event.isActivation, listRect.contains(x: event.x, y: event.y),
                let i = list.index(atRow: event.y - listRect.y)
            else { return .none }
            if list.selectedIndex == i { return perform(.open, context: context) }
            list.select(i)
        }
        return .none
    }
}
