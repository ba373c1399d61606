import BoardModel
import BoardStore
import Foundation
import TUIKit

/// Someone saved the same decision first: both versions side by side, and the choice of how to go on.
@MainActor
final class DecisionConflictScreen: Screen {
    let conflict: DecisionConflict
    weak var form: DecisionFormScreen?

    init(conflict: DecisionConflict, form: DecisionFormScreen) {
        self.conflict = conflict
        self.form = form
    }

    var title: String { "Conflict · \(conflict.theirs.id)" }

    func reload(_ context: AppContext) throws {}

    func render(into canvas: inout Canvas, rect: Rect, context: AppContext) {
        let (top, bottom) = rect.splitBottom(2)
        let halves = top.columns(weights: [1, 1])
        let findings = form?.record?.record.findings ?? []
        for (i, (title, decision)) in [
            ("Theirs: version \(conflict.theirs.version) by \(conflict.theirs.recordedBy)", conflict.theirs),
            ("Yours: not saved", conflict.mine),
        ].enumerated() {
            let inner = Pane.draw(&canvas, rect: halves[i], title: title, focused: i == 1)
            let patient = form?.record?.record.patient
            let lines = DecisionText.lines(
                decision, findings: findings, format: { context.format($0) },
                mask: { text in patient.map { context.masked(text, for: $0) } ?? text })
            var view = TextView(lines: lines.map { TextView.Line($0.text) })
            view.render(into: &canvas, rect: inner)
        }
        canvas.put(
            "\(conflict.theirs.recordedBy) saved this decision while you were editing. \(DecisionConflictKeys.choiceLine)",
            in: bottom.row(0), role: .warning)
    }

    var keys: KeyTable<AppAction> { DecisionConflictKeys.table }
    var replacesGlobalKeys: Bool { true }

    func perform(_ action: AppAction, context: AppContext) -> Navigation {
        switch action {
        case .conflict(let choice):
            form?.resolve(takeTheirs: choice == .takeTheirs, conflict: conflict)
            return .pop
        case .back: return .pop
        default: return .unhandled
        }
    }
}
