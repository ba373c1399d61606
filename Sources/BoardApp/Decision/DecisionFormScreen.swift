import BoardFormats
import BoardModel
import BoardStore
import Foundation
import TUIKit

/// The decision form for one presentation of a case: recommendations (kind, therapy, trial, findings, evidence with
/// the level's meaning, priority, rationale), consensus and dissent, who was present, follow-up. Saves drafts with a
/// version check, signs off by the chair's own login after a confirmation (anyone else requests sign-off), and
/// amends a final decision with a reason.
///
/// The screen joins three pieces: `DecisionFormModel` (the decision and its rules), `DecisionFormView` (drawing)
/// and `DecisionFormKeys` (its key table, which also gives `?` and the status-bar hints).
@MainActor
public final class DecisionFormScreen: Screen {
    let model: DecisionFormModel
    var list = ListView()
    var editing: Editing?
    var listRect = Rect.zero

    /// A row's text being typed; name fields complete from the board's rosters with Tab.
    struct Editing {
        var row: DecisionFormModel.Row
        var field: TextField
        var completions: [String] = []
        /// The candidates the last Tab offered, and which one is shown.
        var offered: [String] = []
        var offeredIndex = 0

        var completionHint: String? {
            if offered.count > 1 { return "Tab: \(offeredIndex + 1)/\(offered.count) names" }
            return completions.isEmpty ? nil : "Tab completes a name"
        }
    }

    public init(caseId: String, meetingId: String?, draft: Decision? = nil) {
        model = DecisionFormModel(caseId: caseId, meetingId: meetingId, draft: draft)
    }

    public var title: String { "Decision · \(model.caseId)" }
    public var keys: KeyTable<AppAction> { model.isReadOnly ? DecisionFormKeys.readOnly : DecisionFormKeys.editable }
    public var replacesGlobalKeys: Bool { true }

    // The model's state, as the conflict screen and tests read it.
    var decision: Decision? { model.decision }
    var record: CaseRecord? { model.record }
    var isReadOnly: Bool { model.isReadOnly }
    var isDirty: Bool { model.isDirty }
    var rows: [DecisionFormModel.Row] { model.rows }
    func update(_ change: (inout Decision) -> Void) { model.update(change) }
    func resolve(takeTheirs: Bool, conflict: DecisionConflict) {
        model.resolve(takeTheirs: takeTheirs, conflict: conflict)
    }

    public func reload(_ context: AppContext) throws {
        try model.reload(context)
        list.setCount(model.rows.count)
    }

    public func render(into canvas: inout Canvas, rect: Rect, context: AppContext) {
        listRect = DecisionFormView(model: model, context: context).render(
            into: &canvas, rect: rect, list: &list, editing: editing)
    }

    var selectedRow: DecisionFormModel.Row? {
        let rows = model.rows
        return list.selectedIndex.flatMap { $0 < rows.count ? rows[$0] : nil }
    }

    // MARK: Input

    /// Raw keys go to the field being typed into, and the mouse to the list; everything else is in the key table.
    public func input(_ key: Key, context: AppContext) -> Navigation? {
        if editing != nil { return editKey(key, context: context) }
        guard case .mouse(let event) = key else { return nil }
        if event.isActivation, listRect.contains(x: event.x, y: event.y),
            let i = list.index(atRow: event.y - listRect.y)
        {
            if list.selectedIndex == i, let row = selectedRow { return activate(row, context: context) }
            list.select(i)
        } else if event.kind == .wheelDown {
            list.moveDown(3)
        } else if event.kind == .wheelUp {
            list.moveUp(3)
        }
        return Navigation.none
    }

    public func perform(_ action: AppAction, context: AppContext) -> Navigation {
        switch action {
        case .decisionForm(let a): return perform(a, context: context)
        // Any other quit key also goes through the unsaved-changes question.
        case .quit: return close(context)
        default: return .unhandled
        }
    }

    func perform(_ action: DecisionFormAction, context: AppContext) -> Navigation {
        switch action {
        case .down: list.moveDown()
        case .up: list.moveUp()
        case .top: list.home()
        case .bottom: list.end()
        case .pageDown: list.pageDown()
        case .pageUp: list.pageUp()
        case .close: return close(context)
        case .save:
            return model.isReadOnly
                ? .error("This decision is \(model.decision?.status.rawValue ?? "") and read-only; A amends it.")
                : save(context)
        case .sign:
            return model.isReadOnly ? .error("Already \(model.decision?.status.rawValue ?? "").") : finalise(context)
        case .requestSignoff: return model.isReadOnly ? .none : requestSignoff(context)
        case .amend: return amend(context)
        default:
            guard !model.isReadOnly, let row = selectedRow else { return .none }
            return edit(action, row: row, context: context)
        }
        return .none
    }

    /// The editing actions on the selected row.
    func edit(_ action: DecisionFormAction, row: DecisionFormModel.Row, context: AppContext) -> Navigation {
        switch action {
        case .activate: return activate(row, context: context)
        case .next: model.cycle(row, by: 1)
        case .previous: model.cycle(row, by: -1)
        case .addRecommendation:
            model.addRecommendation()
            select(.kind((model.decision?.recommendations.count ?? 1) - 1))
        case .addDissent:
            select(.addDissent)
            startEditing(.addDissent, "", completions: model.boardRoster)
        case .addPresent:
            select(.addPresent)
            startEditing(.addPresent, "", completions: model.boardRoster.filter { !model.attendeeNames.contains($0) })
        case .remove: model.remove(row)
        case .externalEditor: return externalEditor(row, context: context)
        default: break
        }
        list.setCount(model.rows.count)
        return .none
    }

    func select(_ row: DecisionFormModel.Row) {
        let rows = model.rows
        list.setCount(rows.count)
        if let index = rows.firstIndex(of: row) { list.select(index) }
    }

    func editKey(_ key: Key, context: AppContext) -> Navigation {
        guard var e = editing else { return .none }
        switch FieldEditKeys.action(for: key) {
        case .cancel: editing = nil
        case .accept:
            editing = nil
            return commit(e.row, text: e.field.text, context: context)
        case .complete where !e.completions.isEmpty:
            complete(&e)
            editing = e
        case .complete, nil:
            e.field.handle(key)
            e.offered = []
            editing = e
        }
        return .none
    }

    /// Tab: the first name that starts with (or has a word starting with) what was typed; Tab again, the next one.
    func complete(_ e: inout Editing) {
        if e.offered.count > 1, e.offered.contains(e.field.text) {
            e.offeredIndex = (e.offeredIndex + 1) % e.offered.count
        } else {
            e.offered = NameCompletion.candidates(for: e.field.text, among: e.completions)
            e.offeredIndex = 0
        }
        if !e.offered.isEmpty { e.field.setText(e.offered[e.offeredIndex]) }
    }

    func activate(_ row: DecisionFormModel.Row, context: AppContext) -> Navigation {
        guard let d = model.decision, !model.isReadOnly else { return .none }
        switch row {
        case .finding, .attendee: model.toggle(row)
        case .addRecommendation:
            model.addRecommendation()
            select(.kind(d.recommendations.count))
        case .addDissent: startEditing(.addDissent, "", completions: model.boardRoster)
        case .addPresent:
            startEditing(.addPresent, "", completions: model.boardRoster.filter { !model.attendeeNames.contains($0) })
        case .dissent(let i):
            return .ask("Reason for \(d.dissent[i].name)'s dissent:", initial: d.dissent[i].reason) { [self] answer in
                if let answer, !answer.isEmpty { model.update { $0.dissent[i].reason = answer } }
                return .none
            }
        case .therapy(let i): startEditing(row, d.recommendations[i].therapy ?? "")
        case .trial(let i): startEditing(row, d.recommendations[i].trialId ?? "")
        case .rationale(let i), .rationaleMore(let i, _): startEditing(.rationale(i), d.recommendations[i].rationale)
        case .followUpDate: startEditing(row, d.followUp?.date?.description ?? "")
        case .followUpWeeks: startEditing(row, d.followUp?.intervalWeeks.map(String.init) ?? "")
        case .represent: startEditing(row, d.followUp?.represent ?? "")
        case .kind, .scale, .level, .priority, .consensus: model.cycle(row, by: 1)
        case .status, .signer, .earlier, .recommendation: break
        }
        list.setCount(model.rows.count)
        return .none
    }

    func startEditing(_ row: DecisionFormModel.Row, _ text: String, completions: [String] = []) {
        var field = TextField()
        field.setText(text)
        editing = Editing(row: row, field: field, completions: completions)
    }

    func commit(_ row: DecisionFormModel.Row, text: String, context: AppContext) -> Navigation {
        let typed = text.trimmingCharacters(in: .whitespaces)
        switch row {
        case .followUpDate where !typed.isEmpty: return setFollowUp(typed, context: context)
        case .addDissent:
            guard !typed.isEmpty else { return .none }
            return .ask("Why does \(typed) dissent?", initial: "") { [self] reason in
                guard let reason, !reason.isEmpty else { return .error("A dissent needs a reason; nothing recorded.") }
                model.addDissent(name: typed, reason: reason)
                list.setCount(model.rows.count)
                return .none
            }
        default:
            if let error = model.commit(row, text: text) { return .error(error) }
        }
        list.setCount(model.rows.count)
        return .none
    }

    /// Sets the follow-up date after ValidValues: a date not on the calendar is refused with the reason; a date in
    /// the past is kept only after the user confirms it (a follow-up recorded after the fact).
    func setFollowUp(_ text: String, context: AppContext) -> Navigation {
        do {
            model.setFollowUpDate(try ValidValues.followUp(parsing: text, today: context.today))
            return .none
        } catch  where error.confirmable {
            guard let date = try? ValidValues.followUp(parsing: text, today: context.today, confirmed: true) else {
                return .error("Follow-up date: \(error.reason)")
            }
            let modal = Modal(
                title: "Follow-up date in the past",
                body: ["\(date) is before today (\(context.today)).", "Keep it as the follow-up date?"],
                buttons: ["Cancel", "Keep \(date)"])
            return .confirm(modal) { [self] choice in
                guard choice == 1 else { return .message("Follow-up date not changed.") }
                model.setFollowUpDate(date)
                return .none
            }
        } catch {
            return .error("Follow-up date: \(error.reason)")
        }
    }

    func externalEditor(_ row: DecisionFormModel.Row, context: AppContext) -> Navigation {
        let index: Int
        switch row {
        case .rationale(let i), .rationaleMore(let i, _): index = i
        default: return .none
        }
        let result = ExternalEditor.run(model.decision!.recommendations[index].rationale, context: context)
        if let text = result.text {
            model.update {
                $0.recommendations[index].rationale = text.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            list.setCount(model.rows.count)
        }
        return result.navigation
    }

    // MARK: Saving and signing

    func save(_ context: AppContext) -> Navigation {
        do {
            let saved = try model.save(context)
            return .message("Draft saved (version \(saved.version)).")
        } catch let conflict as DecisionConflict {
            model.drafts?.flush(context)
            return .push(DecisionConflictScreen(conflict: conflict, form: self))
        } catch let invalid as DecisionInvalid {
            model.problems = invalid.problems
            return .error("Not saved: \(invalid.problems.count) problem(s) marked ✗ beside the fields.")
        } catch {
            model.draftChanged()
            // On a read-only store or a full disk the draft cannot be written either: do not promise it.
            let kept = model.drafts?.flush(context) == true ? "kept as a draft" : "still in the form; try again"
            return .error("Not saved: \(error) (\(kept))")
        }
    }

    /// Saves what is unsaved, then checks the signing rules; nil when the decision is ready to sign or request.
    func readyForSignoff(_ context: AppContext) -> Navigation? {
        model.validate(forSigning: true)
        guard model.problems.isEmpty else {
            if let first = model.problems.first, first.field == "signedBy" {
                return .error("Cannot sign: the meeting has no chair. Set the chair first.")
            }
            return .error("Cannot sign yet: \(model.problems.count) problem(s) marked ✗ beside the fields.")
        }
        if model.isDirty || model.decision?.version == 0 {
            if case .error(let text) = save(context) { return .error(text) }
            if model.decision?.version == 0 || model.isDirty { return Navigation.none }
        }
        return nil
    }

    /// F: the chair's (or a named delegate's) own login signs after seeing the summary; anyone else is offered a
    /// sign-off request instead.
    func finalise(_ context: AppContext) -> Navigation {
        if let stop = readyForSignoff(context) { return stop }
        guard let d = model.decision else { return .none }
        guard let right = model.signingRight, right.maySign, let signer = right.person else {
            let why = model.signingRight?.explanation ?? "your login \(context.store.login) cannot sign"
            let modal = Modal(
                title: "You cannot sign \(d.id)",
                body: [why + ".", "", "Ask the chair to sign? They confirm from their own terminal."],
                buttons: ["Cancel", "Request sign-off"])
            return .confirm(modal) { [self] choice in choice == 1 ? requestSignoff(context) : .none }
        }
        let patient = model.record?.record.patient
        var summary = DecisionText.lines(
            d, findings: model.record?.record.findings ?? [], format: { context.format($0) },
            mask: { text in patient.map { context.masked(text, for: $0) } ?? text }
        ).map(\.text)
        if let request = model.signoffRequest { summary.append("Sign-off requested by \(request.requestedBy).") }
        let modal = Modal(
            title: "Sign decision \(d.id) as \(signer) (login \(right.login))?",
            body: summary + ["", "A signed decision is read-only; later changes become amendments."],
            buttons: ["Cancel", "Sign"])
        return .confirm(modal) { [self] choice in
            guard choice == 1 else { return .none }
            do {
                let signed = try model.sign(context)
                return .popAndReload("Decision \(signed.id) signed by \(signer) (login \(right.login)).")
            } catch let conflict as DecisionConflict {
                return .push(DecisionConflictScreen(conflict: conflict, form: self))
            } catch {
                return .error("Not signed: \(error)")
            }
        }
    }

    /// R: records a sign-off request by this login; the chair sees it on the form and with `decision requests`.
    func requestSignoff(_ context: AppContext) -> Navigation {
        if let stop = readyForSignoff(context) { return stop }
        do {
            let request = try model.requestSignoff(context)
            let chair = model.meeting?.chair ?? "the chair"
            return .message("Sign-off of \(request.decisionId) requested from \(chair) (by \(request.requestedBy)).")
        } catch {
            return .error("Not requested: \(error)")
        }
    }

    func amend(_ context: AppContext) -> Navigation {
        guard let d = model.decision, d.status == .final else {
            return .error("Only a signed (final) decision is amended; a draft is edited directly.")
        }
        return .ask("Reason for amending \(d.id):", initial: "") { [self] reason in
            guard let reason, !reason.isEmpty else { return .error("An amendment needs a reason; nothing changed.") }
            do {
                let amendment = try model.amend(reason: reason, context)
                list.setCount(model.rows.count)
                return .message("Amendment \(amendment.id) started; edit, save (s) and sign (F).")
            } catch {
                return .error("\(error)")
            }
        }
    }

    func close(_ context: AppContext) -> Navigation {
        guard model.isDirty, !model.isReadOnly else {
            model.drafts?.discard(context)
            return .pop
        }
        let modal = Modal(
            title: "Unsaved changes", body: ["Save the draft before closing?"],
            buttons: ["Keep editing", "Discard", "Save"])
        return .confirm(modal) { [self] choice in
            switch choice {
            case 1:
                model.drafts?.discard(context)
                return .pop
            case 2:
                let result = save(context)
                if case .message = result { return .popAndReload("Draft saved.") }
                return result
            default: return .none
            }
        }
    }

    public func tick(_ context: AppContext) { model.drafts?.saveIfDue(context) }

    public func flushDrafts(_ context: AppContext) { if model.isDirty { model.drafts?.flush(context) } }
}
