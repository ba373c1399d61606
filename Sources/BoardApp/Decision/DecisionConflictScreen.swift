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
            "\(conflict.theirs.recordedBy) saved this decision while you were editing. t: continue from theirs · m: keep mine on top of theirs · Esc: back to your edit",
            in: bottom.row(0), role: .warning)
    }

    func input(_ key: Key, context: AppContext) -> Navigation? {
        switch key {
        case .char("t"):
            form?.resolve(takeTheirs: true, conflict: conflict)
            return .pop
        case .char("m"):
            form?.resolve(takeTheirs: false, conflict: conflict)
            return .pop
        case .escape: return .pop
        default: return nil
        }
    }

    func perform(_ action: AppAction, context: AppContext) -> Navigation { .unhandled }
}
