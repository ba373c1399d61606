import BoardFormats
import BoardModel
import BoardStore
import Foundation
import TUIKit

/// One finding in full (Enter on a finding in the Molecular tab): the alteration, where it was found, and every
/// evidence item with level, direction, disease, drugs, source, citation and statement. The lines are
/// `FindingDetailText`'s, the same as `tumorboard show CASE --finding ID`.
@MainActor
public final class FindingScreen: Screen {
    let caseId: String
    let findingId: String
    var record: CaseRecord?
    var finding: Finding?
    var text = TextView()
    private var lastBody = Rect.zero

    public init(caseId: String, findingId: String) {
        self.caseId = caseId
        self.findingId = findingId
    }

    public var title: String { "Finding · \(caseId)" }

    public func reload(_ context: AppContext) throws {
        // A big case is read as its summary (the finding itself by id), not as its 400,000 findings.
        record = try context.caseRecord(id: caseId, findings: .summary)
        finding = try record == nil ? nil : context.store.finding(caseId: caseId, id: findingId)
    }

    public func render(into canvas: inout Canvas, rect: Rect, context: AppContext) {
        guard let record, let finding else {
            canvas.put("No finding \(findingId) in case \(caseId).", in: rect, role: .warning)
            return
        }
        let who = context.patientLabel(record.record.patient)
        let inner = Pane.draw(&canvas, rect: rect, title: "\(finding.label) · \(caseId) · \(who)", focused: true)
        guard inner.height > 1 else { return }
        let (body, help) = inner.splitBottom(1)
        lastBody = body
        let detail = FindingDetailText(
            finding: finding, reports: record.record.reports, diagnosisCode: record.record.diagnosis.oncotreeCode)
        let lines = detail.lines().map { line -> TextView.Line in
            let role: StyleRole
            switch line.tone {
            case .title: role = .title
            case .normal: role = .normal
            case .dim: role = .dim
            case .option: role = EvidenceRole.role(tier: finding.bestTreatmentOption?.level.tier ?? 5)
            case .againstDrug: role = .levelResistance
            case .caution: role = .warning
            }
            // The text view folds runs of spaces when it wraps; the label column keeps its width with no-break spaces.
            return TextView.Line(line.text.replacingOccurrences(of: "  ", with: "\u{00A0}\u{00A0}"), role: role)
        }
        if text.lines != lines { text.lines = lines }
        text.render(into: &canvas, rect: body)
        canvas.put("j/k scroll · n note on this finding · Esc back", in: help, role: .dim)
    }

    public func perform(_ action: AppAction, context: AppContext) -> Navigation {
        switch action {
        case .newNote:
            let label = finding?.label ?? findingId
            return .push(
                NoteEditorScreen(
                    target: NoteTarget(caseId: caseId, findingId: findingId), about: "\(label) (\(caseId))"))
        case .back: return .pop
        default: return TextKeys.apply(action, to: &text, page: lastBody.height - 1) ? .none : .unhandled
        }
    }
}
