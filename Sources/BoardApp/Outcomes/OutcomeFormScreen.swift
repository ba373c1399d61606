import BoardFormats
import BoardModel
import BoardStore
import Foundation
import TUIKit

/// The outcome form for one case: what happened (kind), when, and the fields that kind takes (regimen and drugs,
/// whether it followed the recommendation, trial; criteria and response; why it stopped; CTCAE grade and term; the
/// treatment it belongs to), checked as typed with the same rules the store applies. Keeps a draft while it
/// changes, asks before closing with unsaved changes, and saves a correction of an existing outcome as a new version.
@MainActor
public final class OutcomeFormScreen: Screen {
    let caseId: String
    var outcome: CaseOutcome
    /// What the store holds (nil for a new outcome): the form is dirty when it differs.
    var savedCopy: CaseOutcome?
    /// A new outcome as the form made it, so an untouched one closes without asking.
    var pristine: CaseOutcome
    var record: CaseRecord?
    var others: [CaseOutcome] = []
    var problems: [InvalidValue] = []
    var list = ListView()
    var editing: (row: Row, field: TextField)?
    let drafts: DraftKeeper
    var listRect = Rect.zero

    /// One line of the form.
    enum Row: Hashable {
        case kind, date, regimen, drugs, followed, trial, criteria, response, stopReason, grade, term, treatment
        case reason, decision
    }

    /// A new outcome for a case, or a correction of `existing`; `draft` reopens a kept draft.
    public init(
        caseId: String, existing: CaseOutcome? = nil, draft: CaseOutcome? = nil, today: LocalDate = LocalDate(Date())
    ) {
        self.caseId = caseId
        let fresh =
            existing
            ?? CaseOutcome(
                id: "", caseId: caseId, kind: .treatmentStarted, date: today, recordedBy: "", recordedAt: Date())
        pristine = fresh
        savedCopy = existing
        outcome = draft ?? fresh
        drafts = DraftKeeper(key: "outcome:\(caseId):\(existing?.id ?? draft?.id ?? "")")
        if draft != nil { draftChanged() }
    }

    public var title: String { "Outcome · \(caseId)" }
    var isDirty: Bool { outcome != (savedCopy ?? pristine) }

    public func reload(_ context: AppContext) throws {
        record = try context.caseRecord(id: caseId)
        // A new, untouched outcome is dated today by the app's clock.
        if savedCopy == nil, outcome == pristine, pristine.date != context.today {
            pristine.date = context.today
            outcome = pristine
        }
        let all = try context.store.outcomes(caseId: caseId)
        if let id = savedCopy?.id, let stored = all.first(where: { $0.id == id }) { savedCopy = stored }
        others = all.filter { !$0.isRetracted }  // a retracted outcome is checked against and chosen by nothing
        validate(context)
        list.setCount(rows.count)
    }

    var rows: [Row] {
        let specific: [Row]
        switch outcome.kind {
        case .treatmentStarted: specific = [.regimen, .drugs, .followed, .trial]
        case .treatmentNotStarted: specific = []
        case .response: specific = [.criteria, .response, .treatment]
        case .progression: specific = [.treatment]
        case .treatmentStopped: specific = [.stopReason, .treatment]
        case .toxicity: specific = [.grade, .term, .treatment]
        case .death, .lostToFollowUp: specific = []
        }
        return [.kind, .date] + specific + [.reason, .decision]
    }

    /// The store's field name of a row (as `CaseOutcome.validationErrors` names problems).
    func field(_ row: Row) -> String {
        switch row {
        case .followed: "followed"
        case .stopReason: "stop reason"
        default: "\(row)"
        }
    }

    func validate(_ context: AppContext) {
        problems = outcome.validationErrors(
            diagnosisCode: record?.record.diagnosis.oncotreeCode, others: others, today: context.today)
    }

    // MARK: Drawing

    public func render(into canvas: inout Canvas, rect: Rect, context: AppContext) {
        guard let record else {
            canvas.put("No case \(caseId).", in: rect, role: .warning)
            return
        }
        let state =
            savedCopy.map { "correcting \($0.id) (version \($0.version))" } ?? "new outcome"
        let inner = Pane.draw(
            &canvas, rect: rect,
            title: "Outcome · \(caseId) · \(context.patientLabel(record.record.patient)) · \(state)"
                + (isDirty ? " · unsaved changes" : ""), focused: true)
        guard inner.height > 2 else { return }
        let (body, help) = inner.splitBottom(1)
        listRect = body
        let rows = rows
        list.setCount(rows.count)
        list.render(into: &canvas, rect: body) { [self] index, selected in
            let row = rows[index]
            let (label, value) = describe(row, context: context)
            var spans = [
                Span(label.padding(toLength: 18, withPad: " ", startingAt: 0), role: selected ? .selection : .dim)
            ]
            if selected, let editing, editing.row == row {
                spans.append(Span(editing.field.text + "▏", role: .input))
            } else {
                spans.append(Span(value, role: selected ? .selection : (value == "—" ? .dim : .normal)))
            }
            for problem in problems where problem.field == field(row) {
                spans.append(Span("  ✗ " + problem.reason, role: .error))
            }
            return spans
        }
        canvas.put(OutcomeFormKeys.hintLine, in: help, role: .dim)
    }

    func describe(_ row: Row, context: AppContext) -> (String, String) {
        let o = outcome
        let say = { (text: String) in self.record.map { context.masked(text, for: $0.record.patient) } ?? text }
        func choice(_ text: String?) -> String { "‹ \(text ?? "—") ›" }
        switch row {
        case .kind: return ("What happened", choice(o.kind.label))
        case .date: return ("Date", o.date.description)
        case .regimen: return ("Regimen", o.regimen.map(say) ?? "—")
        case .drugs: return ("Drugs", o.drugs.isEmpty ? "—" : o.drugs.joined(separator: " + "))
        case .followed: return ("As recommended", choice(o.followedRecommendation?.rawValue))
        case .trial: return ("Trial (NCT)", o.trialId ?? "—")
        case .criteria: return ("Criteria", choice(o.criteria?.rawValue))
        case .response: return ("Response", choice(o.response))
        case .stopReason: return ("Why it stopped", choice(o.stopReason?.label))
        case .grade: return ("CTCAE grade", choice(o.grade.map(String.init)))
        case .term: return ("CTCAE term", o.term ?? "—")
        case .treatment:
            let started = others.first { $0.id == o.treatmentId }
            return ("Of treatment", choice(o.treatmentId.map { id in started.map { "\(id) \($0.summary)" } ?? id }))
        case .reason: return ("Reason / remark", o.reason.map(say) ?? "—")
        case .decision: return ("After decision", choice(o.decisionId))
        }
    }

    // MARK: Input

    public func input(_ key: Key, context: AppContext) -> Navigation? {
        if var e = editing {
            switch FieldEditKeys.action(for: key) {
            case .cancel: editing = nil
            case .accept:
                editing = nil
                return commit(e.row, text: e.field.text, context: context)
            case .complete, nil:
                e.field.handle(key)
                editing = e
            }
            return Navigation.none
        }
        if case .mouse(let event) = key {
            if event.isActivation, listRect.contains(x: event.x, y: event.y),
                let i = list.index(atRow: event.y - listRect.y)
            {
                list.select(i)
            }
            return Navigation.none
        }
        guard let action = OutcomeFormKeys.table.action(for: key) else { return nil }
        let rows = rows
        let row = list.selectedIndex.flatMap { $0 < rows.count ? rows[$0] : nil }
        switch action {
        case .up: list.moveUp()
        case .down: list.moveDown()
        case .top: list.home()
        case .bottom: list.end()
        case .save: return save(context)
        case .close: return close(context)
        case .edit: if let row { return activate(row, context: context) }
        case .next: if let row { step(row, by: 1, context: context) }
        case .previous: if let row { step(row, by: -1, context: context) }
        case .clear: if let row { clear(row, context: context) }
        }
        return Navigation.none
    }

    /// Any quit key also goes through the unsaved-changes question.
    public func perform(_ action: AppAction, context: AppContext) -> Navigation {
        if case .quit = action { return close(context) }
        return .unhandled
    }

    func activate(_ row: Row, context: AppContext) -> Navigation {
        let o = outcome
        let text: String?
        switch row {
        case .date: text = o.date.description
        case .regimen: text = o.regimen ?? ""
        case .drugs: text = o.drugs.joined(separator: " + ")
        case .trial: text = o.trialId ?? ""
        case .term: text = o.term ?? ""
        case .reason: text = o.reason ?? ""
        default: text = nil
        }
        if let text {
            var field = TextField()
            field.setText(text)
            editing = (row, field)
        } else {
            step(row, by: 1, context: context)
        }
        return .none
    }

    func commit(_ row: Row, text raw: String, context: AppContext) -> Navigation {
        let text = raw.trimmingCharacters(in: .whitespaces)
        let value: String? = text.isEmpty ? nil : text
        switch row {
        case .date:
            do {
                let day = try ValidValues.outcomeDate(parsing: text, today: context.today)
                update(context) { $0.date = day }
            } catch {
                return .error("Date: \(error.reason)")
            }
        case .regimen: update(context) { $0.regimen = value }
        case .drugs:
            update(context) {
                $0.drugs = text.split(whereSeparator: { $0 == "+" || $0 == "," }).map {
                    $0.trimmingCharacters(in: .whitespaces)
                }.filter { !$0.isEmpty }
            }
        case .trial: update(context) { $0.trialId = value?.uppercased() }
        case .term: update(context) { $0.term = value }
        case .reason: update(context) { $0.reason = value }
        default: break
        }
        return .none
    }

    /// Steps a choice through its values (the empty choice included where the field is optional).
    func step(_ row: Row, by step: Int, context: AppContext) {
        func next<T: Equatable>(_ values: [T], _ current: T) -> T {
            let i = values.firstIndex(of: current) ?? 0
            return values[(i + step + values.count) % values.count]
        }
        switch row {
        case .kind:
            update(context) {
                $0.kind = next(OutcomeKind.allCases, $0.kind)
                Self.dropFieldsNotTaken(by: &$0)
            }
            list.setCount(rows.count)
        case .followed:
            update(context) { $0.followedRecommendation = next([nil] + Adherence.allCases, $0.followedRecommendation) }
        case .criteria:
            let allowed =
                (ResponseCriteria.allowed(forOncoTreeCode: record?.record.diagnosis.oncotreeCode)
                    ?? ResponseCriteria.allCases.filter(\.isDiseaseSpecific)) + [.diseaseStatus, .notStated]
            update(context) {
                $0.criteria = next([nil] + allowed, $0.criteria)
                if let response = $0.response, $0.criteria?.category(response) == nil { $0.response = nil }
            }
        case .response:
            guard let criteria = outcome.criteria else { return }
            update(context) { $0.response = next([nil] + criteria.categories, $0.response) }
        case .stopReason: update(context) { $0.stopReason = next([nil] + StopReason.allCases, $0.stopReason) }
        case .grade: update(context) { $0.grade = next([nil, 3, 4, 5], $0.grade) }
        case .treatment:
            let ids = others.filter { $0.kind == .treatmentStarted }.map(\.id)
            update(context) { $0.treatmentId = next([nil] + ids, $0.treatmentId) }
        case .decision:
            let ids = (record?.decisions ?? []).filter { $0.status != .draft }.map(\.id)
            update(context) { $0.decisionId = next([nil] + ids, $0.decisionId) }
        default: break
        }
    }

    func clear(_ row: Row, context: AppContext) {
        update(context) { o in
            switch row {
            case .regimen: o.regimen = nil
            case .drugs: o.drugs = []
            case .followed: o.followedRecommendation = nil
            case .trial: o.trialId = nil
            case .criteria:
                o.criteria = nil
                o.response = nil
            case .response: o.response = nil
            case .stopReason: o.stopReason = nil
            case .grade: o.grade = nil
            case .term: o.term = nil
            case .treatment: o.treatmentId = nil
            case .reason: o.reason = nil
            case .decision: o.decisionId = nil
            case .kind, .date: break
            }
        }
    }

    /// A kind change drops the values the new kind does not take, so they are not saved unseen.
    static func dropFieldsNotTaken(by o: inout CaseOutcome) {
        let fields = o.kind.fields
        if !fields.contains("regimen") { o.regimen = nil }
        if !fields.contains("drugs") { o.drugs = [] }
        if !fields.contains("followed") { o.followedRecommendation = nil }
        if !fields.contains("trial") { o.trialId = nil }
        if !fields.contains("criteria") { o.criteria = nil }
        if !fields.contains("response") { o.response = nil }
        if !fields.contains("stop reason") { o.stopReason = nil }
        if !fields.contains("grade") { o.grade = nil }
        if !fields.contains("term") { o.term = nil }
        if !fields.contains("treatment") { o.treatmentId = nil }
    }

    func update(_ context: AppContext, _ change: (inout CaseOutcome) -> Void) {
        change(&outcome)
        draftChanged()
        validate(context)
    }

    func draftChanged() {
        guard let body = try? String(decoding: NativeReader.encoder.encode(outcome), as: UTF8.self) else { return }
        drafts.changed(body)
    }

    // MARK: Saving

    func save(_ context: AppContext) -> Navigation {
        validate(context)
        guard problems.isEmpty else {
            return .error("Not saved: \(problems.count) problem(s) marked ✗ beside the fields.")
        }
        do {
            var o = outcome
            o.source = o.source ?? "screen"
            let saved =
                savedCopy == nil
                ? try context.store.addOutcome(o, today: context.today, now: context.now)
                : try context.store.correctOutcome(o, today: context.today, now: context.now)
            outcome = saved
            savedCopy = saved
            drafts.discard(context)
            return .popAndReload("Outcome \(saved.id) saved: \(saved.date) \(saved.summary).")
        } catch let invalid as OutcomeInvalid {
            problems = invalid.problems
            return .error("Not saved: \(invalid.problems.count) problem(s) marked ✗ beside the fields.")
        } catch {
            let kept = drafts.flush(context) ? "kept as a draft" : "still in the form; try again"
            return .error("Not saved: \(error) (\(kept))")
        }
    }

    func close(_ context: AppContext) -> Navigation {
        guard isDirty else {
            drafts.discard(context)
            return .pop
        }
        let modal = Modal(
            title: "Unsaved changes", body: ["Save the outcome before closing?"],
            buttons: ["Keep editing", "Discard", "Save"])
        return .confirm(modal) { [self] choice in
            switch choice {
            case 1:
                drafts.discard(context)
                return .pop
            case 2: return save(context)
            default: return .none
            }
        }
    }

    public func tick(_ context: AppContext) { drafts.saveIfDue(context) }

    public func flushDrafts(_ context: AppContext) { if isDirty { drafts.flush(context) } }
}
