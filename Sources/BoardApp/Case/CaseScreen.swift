import BoardStore
import TUIKit

/// One case on the whole screen, in tabs.
@MainActor
public final class CaseScreen: Screen {
    let view: CaseView

    public init(caseId: String, tab: Int = 0) { view = CaseView(caseId: caseId, tab: tab) }

    public var title: String { "Case \(view.caseId)" }
    public var keys: KeyTable<AppAction> { CaseCorrection.keys + OutcomeRetractionPrompt.keys }

    public func reload(_ context: AppContext) throws { try view.reload(context) }

    public func render(into canvas: inout Canvas, rect: Rect, context: AppContext) {
        let headline =
            view.record.map {
                "\(context.caseId($0.record.id, of: $0.record.patient)) · \(context.patientLabel($0.record.patient)) · "
                    + $0.record.diagnosis.text
            } ?? view.caseId
        let inner = Pane.draw(&canvas, rect: rect, title: headline, focused: true)
        view.render(into: &canvas, rect: inner, context: context, focused: true)
    }

    public func perform(_ action: AppAction, context: AppContext) -> Navigation {
        if let navigation = view.recording(action, meetingId: nil) { return navigation }
        switch action {
        case .correctCase:
            return CaseCorrection.start(caseId: view.caseId, context: context) { [view] in try? view.reload(context) }
        case .retractOutcome:
            guard let outcome = view.selectedOutcome else {
                return .error("Select an outcome on the Outcomes tab (7).")
            }
            return OutcomeRetractionPrompt.start(outcome, context: context) { [view] in try? view.reload(context) }
        case .left: return view.perform(.previousTab) ? .none : .unhandled
        case .right: return view.perform(.nextTab) ? .none : .unhandled
        default: return view.perform(action) ? .none : .unhandled
        }
    }

    public func click(_ event: MouseEvent, rect: Rect, context: AppContext) -> Navigation {
        _ = view.click(event)
        return .none
    }
}
