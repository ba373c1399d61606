import BoardFormats
import BoardModel
import BoardStore
import Foundation
import TUIKit

/// The decision form for one case: recommendations (kind, therapy, trial, findings, evidence with the
/// level's meaning, priority, rationale), consensus and dissent, who was present, follow-up. Saves drafts
/// with a version check, signs off after a confirmation, and amends a final decision with a reason.
@MainActor
public final class DecisionFormScreen: Screen {
    let caseId: String
    let meetingId: String?
    var record: CaseRecord?
    var meeting: Meeting?
    var decision: Decision?
    /// The version in the store the form started from (0: not saved yet).
    var savedCopy: Decision?
    var list = ListView()
    var editing: (row: Row, field: TextField)?
    var problems: [DecisionProblem] = []
    var drafts: DraftKeeper?
    var restoredDraft: Decision?
    /// A new decision as the form made it, so an untouched one closes without asking.
    var pristine: Decision?
    /// Set when the form reopened with a draft kept from before (the title says so).
    var restoredNotice: String?
    var listRect = Rect.zero

    /// One line of the form.
    enum Row: Hashable {
        case status
        case recommendation(Int)
        case kind(Int)
        case therapy(Int)
        case trial(Int)
        case finding(Int, String)
        case scale(Int)
        case level(Int)
        case priority(Int)
        case rationale(Int)
        case addRecommendation
        case consensus
        case dissent(Int)
        case addDissent
        case attendee(String)
        case followUpDate, followUpWeeks, represent
    }

    public init(caseId: String, meetingId: String?, draft: Decision? = nil) {
        self.caseId = caseId
        self.meetingId = meetingId
        self.restoredDraft = draft
    }

    public var title: String { "Decision · \(caseId)" }

    var isReadOnly: Bool { (decision?.status ?? .draft) != .draft }
    var isDirty: Bool { decision != (savedCopy ?? pristine) }

    public func reload(_ context: AppContext) throws {
        record = try context.store.caseRecord(id: caseId)
        guard let record else { return }
        let meetingToUse =
            meetingId ?? record.meetings.last(where: { $0.status != .closed })?.id ?? record.meetings.last?.id
        meeting = try meetingToUse.flatMap { try context.store.meeting(id: $0) }
        if decision == nil {
            if restoredDraft == nil, let kept = Self.keptDraft(caseId: caseId, record: record, context: context) {
                // "Later" at start (or a quit) kept this draft: reopening its form offers it again rather than a blank one.
                restoredDraft = kept.decision
                let age =
                    DraftRecovery.describe(kept.draft, now: context.now).split(separator: ",").last.map {
                        $0.trimmingCharacters(in: .whitespaces)
                    } ?? ""
                restoredNotice = "your unsaved draft (\(age)) restored; Esc saves or discards it"
            }
            if let draft = restoredDraft {
                decision = draft
                savedCopy = record.decisions.first { $0.id == draft.id }
            } else if let current = record.currentDecision {
                decision = current
                savedCopy = current
            } else {
                var fresh = try context.store.newDecision(caseId: caseId, meetingId: meetingToUse, now: context.now)
                fresh.attendeesPresent = (meeting?.roster ?? []).filter { $0.present != false }.map(\.name)
                decision = fresh
                savedCopy = nil
                pristine = fresh
            }
            drafts = DraftKeeper(key: "decision:\(decision!.id)")
            if restoredDraft != nil { draftChanged() }
        }
        chooseFindings()
        validate(forSigning: false)
        list.setCount(rows.count)
    }

    /// This user's kept draft of a decision on this case that still differs from what the store holds, newest first.
    static func keptDraft(caseId: String, record: CaseRecord, context: AppContext) -> (
        draft: Draft, decision: Decision
    )? {
        let drafts = ((try? context.store.drafts()) ?? []).filter { $0.key.hasPrefix("decision:") }.sorted {
            $0.updatedAt > $1.updatedAt
        }
        for draft in drafts {
            guard let d = try? NativeReader.decoder.decode(Decision.self, from: Data(draft.body.utf8)),
                d.caseId == caseId, d.status == .draft
            else { continue }
            if let stored = record.decisions.first(where: { $0.id == d.id }), stored == d || stored.status != .draft {
                continue
            }
            return (draft, d)
        }
        return nil
    }

    /// The findings a recommendation can rest on (ids, in evidence order) and where each sits in the case; set on
    /// reload. Past `findingChoiceLimit` findings (a whole exome) the form lists those with evidence or an
    /// oncogenic or pathogenic class, and any a recommendation already cites, rather than every row of the file.
    private var findingChoices: [String] = []
    private var findingIndex: [String: Int] = [:]
    static let findingChoiceLimit = 100

    private func chooseFindings() {
        let findings = record?.record.findings ?? []
        findingIndex = Dictionary(findings.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var order = findings.evidenceOrder()
        if findings.count > Self.findingChoiceLimit {
            let cited = Set(decision?.recommendations.flatMap(\.findingIds) ?? [])
            let telling: Set<Classification> = [.oncogenic, .likelyOncogenic, .pathogenic, .likelyPathogenic]
            order = order.filter { i in
                let f = findings[i]
                return f.bestEvidence != nil || f.classification.map(telling.contains) == true || cited.contains(f.id)
            }
        }
        findingChoices = order.map { findings[$0].id }
    }

    // MARK: Rows

    var rows: [Row] {
        guard let d = decision else { return [] }
        var rows: [Row] = [.status]
        for (i, _) in d.recommendations.enumerated() {
            rows += [
                .recommendation(i), .kind(i), .therapy(i), .trial(i), .scale(i), .level(i), .priority(i), .rationale(i),
            ]
            rows += findingChoices.map { .finding(i, $0) }
        }
        if !isReadOnly { rows.append(.addRecommendation) }
        rows.append(.consensus)
        rows += d.dissent.indices.map(Row.dissent)
        if !isReadOnly { rows.append(.addDissent) }
        rows += (meeting?.roster ?? []).map { .attendee($0.name) }
        rows += [.followUpDate, .followUpWeeks, .represent]
        return rows
    }

    func problem(for row: Row) -> String? {
        let field: String
        switch row {
        case .trial(let i): field = "recommendations[\(i)].trialId"
        case .level(let i), .scale(let i): field = "recommendations[\(i)].evidence"
        case .addRecommendation, .recommendation: field = "recommendations"
        case .status: field = "signedBy"
        default: return nil
        }
        return problems.first { $0.field == field }?.message
    }

    func validate(forSigning: Bool) {
        guard var d = decision else { return }
        if forSigning { d.signedBy = meeting?.chair }
        problems = d.validationErrors(forSigning: forSigning)
    }

    // MARK: Drawing

    public func render(into canvas: inout Canvas, rect: Rect, context: AppContext) {
        guard let d = decision, let record else {
            canvas.put("No case \(caseId).", in: rect, role: .warning)
            return
        }
        let who = context.patientLabel(record.record.patient)
        let inner = Pane.draw(
            &canvas, rect: rect,
            title: "Decision \(d.id) · \(caseId) · \(who)" + (restoredNotice.map { " · \($0)" } ?? ""), focused: true)
        guard inner.height > 2 else { return }
        let (body, help) = inner.splitBottom(1)
        listRect = body
        let rows = rows
        list.setCount(rows.count)
        let labelWidth = 17
        list.render(into: &canvas, rect: body) { [self] index, selected in
            let row = rows[index]
            let (label, value, role) = describe(row, decision: d, context: context)
            var spans = [
                Span(
                    String(repeating: " ", count: indent(row))
                        + label.padding(toLength: max(0, labelWidth - indent(row)), withPad: " ", startingAt: 0),
                    role: selected ? .selection : (label.isEmpty ? .normal : .dim))
            ]
            if selected, let editing, editing.row == row {
                spans.append(Span(editing.field.text + "▏", role: .input))
            } else {
                spans.append(Span(value, role: selected ? .selection : role))
            }
            if let message = problem(for: row) { spans.append(Span("  ✗ " + message, role: .error)) }
            return spans
        }
        let hint =
            isReadOnly
            ? "Read-only (\(d.status.rawValue)) · A amend · Esc close"
            : "j/k move · Enter edit/toggle · ←/→ choose · a add rec · x remove · d dissent · s save · F sign · Esc close"
        canvas.put(hint, in: help, role: .dim)
    }

    func indent(_ row: Row) -> Int {
        switch row {
        case .kind, .therapy, .trial, .scale, .level, .priority, .rationale: 2
        case .finding: 4
        default: 0
        }
    }

    func describe(_ row: Row, decision d: Decision, context: AppContext) -> (String, String, StyleRole) {
        func rec(_ i: Int) -> Recommendation { d.recommendations[i] }
        switch row {
        case .status:
            var text = d.version == 0 ? "new, not saved yet" : "\(d.status.rawValue), version \(d.version)"
            if isDirty && !isReadOnly && d.version > 0 { text += " · unsaved changes" }
            if let amends = d.amends { text += " · amends \(amends)" + (d.amendmentReason.map { ": \($0)" } ?? "") }
            if let signer = d.signedBy { text += " · signed by \(signer)" }
            return ("Status", text, d.status == .final ? .success : .warning)
        case .recommendation(let i): return ("Recommendation \(i + 1)", "", .title)
        case .kind(let i): return ("Kind", "‹ \(rec(i).kind.label) ›", .normal)
        case .therapy(let i):
            // Evidence in the case against a drug of this recommendation is said beside it, in words.
            let against = rec(i).evidenceAgainst(in: record?.record.findings ?? [])
            let caution =
                against.isEmpty
                ? ""
                : "  ⚠ caution: " + against.map { "\($0.entry.phrase) (\($0.finding.label))" }.joined(separator: "; ")
            let therapy = rec(i).therapy.map { context.masked($0, for: record!.record.patient) } ?? "—"
            return ("Therapy", therapy + caution, against.isEmpty ? (rec(i).therapy == nil ? .dim : .normal) : .warning)
        case .trial(let i):
            let id = rec(i).trialId
            let match = id.flatMap { t in record?.matches.first { $0.trialId == t } }
            let title = id.flatMap { record?.trials[$0]?.shortTitle ?? record?.trials[$0]?.title }
            return (
                "Trial",
                id.map { "‹ \($0) ›" + (title.map { " \($0)" } ?? "") + (match.map { " (\($0.status.label))" } ?? "") }
                    ?? "‹ — ›", id == nil ? .dim : .normal
            )
        case .finding(let i, let findingId):
            let finding = findingIndex[findingId].map { record!.record.findings[$0] }
            let on = rec(i).findingIds.contains(findingId)
            let evidence = finding.map { $0.evidence.isEmpty ? "" : "  [\($0.evidenceSummary)]" } ?? ""
            return ("", "[\(on ? "x" : " ")] \(finding?.label ?? findingId)\(evidence)", on ? .highlight : .normal)
        case .scale(let i): return ("Evidence scale", "‹ \(rec(i).evidence?.scale.rawValue ?? "—") ›", .normal)
        case .level(let i):
            guard let level = rec(i).evidence else { return ("Level", "‹ — › (choose a scale first)", .dim) }
            return ("Level", "‹ \(level.code) › " + (level.meaning ?? ""), EvidenceRole.role(tier: level.tier))
        case .priority(let i): return ("Priority", "‹ \(rec(i).priority) ›", .normal)
        case .rationale(let i):
            return (
                "Rationale",
                rec(i).rationale.isEmpty ? "—" : context.masked(rec(i).rationale, for: record!.record.patient),
                rec(i).rationale.isEmpty ? .dim : .normal
            )
        case .addRecommendation: return ("", "+ add a recommendation (a)", .info)
        case .consensus: return ("Consensus", "‹ \(d.consensus?.rawValue ?? "—") ›", .normal)
        case .dissent(let i):
            return (
                "Dissent", "\(d.dissent[i].name) — \(context.masked(d.dissent[i].reason, for: record!.record.patient))",
                .warning
            )
        case .addDissent: return ("", "+ record a dissent (d)", .info)
        case .attendee(let name):
            let discipline = meeting?.roster.first { $0.name == name }?.discipline.label ?? ""
            let present = d.attendeesPresent.contains(name)
            return ("Present", "[\(present ? "x" : " ")] \(name) · \(discipline)", present ? .normal : .dim)
        case .followUpDate: return ("Follow-up date", d.followUp?.date?.description ?? "—", .normal)
        case .followUpWeeks: return ("…or in weeks", d.followUp?.intervalWeeks.map(String.init) ?? "—", .normal)
        case .represent:
            return (
                "Re-present", d.followUp?.represent.map { context.masked($0, for: record!.record.patient) } ?? "—",
                .normal
            )
        }
    }

    // MARK: Input

    public func input(_ key: Key, context: AppContext) -> Navigation? {
        if editing != nil { return editKey(key, context: context) }
        let rows = rows
        let row = list.selectedIndex.flatMap { $0 < rows.count ? rows[$0] : nil }
        switch key.normalized {
        case .char("j"), .down: list.moveDown()
        case .char("k"), .up: list.moveUp()
        case .char("g"), .home: list.home()
        case .char("G"), .end: list.end()
        case .pageDown: list.pageDown()
        case .pageUp: list.pageUp()
        // q closes the form like Esc (asking when something changed); it never quits the program from here.
        case .escape, .char("q"): return close(context)
        case .char("s"), .ctrl("s"):
            return isReadOnly
                ? .error("This decision is \(decision?.status.rawValue ?? "") and read-only; A amends it.")
                : save(context)
        case .char("F"): return isReadOnly ? .error("Already \(decision?.status.rawValue ?? "").") : finalise(context)
        case .char("A"): return amend(context)
        case .mouse(let event):
            if event.isActivation, listRect.contains(x: event.x, y: event.y),
                let i = list.index(atRow: event.y - listRect.y)
            {
                if list.selectedIndex == i, let row { return activate(row, context: context) }
                list.select(i)
            } else if event.kind == .wheelDown {
                list.moveDown(3)
            } else if event.kind == .wheelUp {
                list.moveUp(3)
            }
        default:
            guard !isReadOnly, let row else { return nil }
            switch key.normalized {
            case .enter, .char(" "): return activate(row, context: context)
            case .right, .char("l"): cycle(row, by: 1)
            case .left, .char("h"): cycle(row, by: -1)
            case .char("a"): addRecommendation()
            case .char("d"): return askDissent()
            case .char("x"), .delete: remove(row)
            case .ctrl("o"):
                if case .rationale(let i) = row {
                    let result = ExternalEditor.run(decision!.recommendations[i].rationale, context: context)
                    if let text = result.text {
                        update {
                            $0.recommendations[i].rationale = text.trimmingCharacters(in: .whitespacesAndNewlines)
                        }
                    }
                    return result.navigation
                }
                return nil
            default: return nil
            }
        }
        return Navigation.none
    }

    func editKey(_ key: Key, context: AppContext) -> Navigation {
        guard var e = editing else { return .none }
        switch key {
        case .escape: editing = nil
        case .enter:
            editing = nil
            return commit(e.row, text: e.field.text, context: context)
        default:
            e.field.handle(key)
            editing = e
        }
        return .none
    }

    func activate(_ row: Row, context: AppContext) -> Navigation {
        guard let d = decision else { return .none }
        switch row {
        case .finding(let i, let id):
            update { rec in
                if let at = rec.recommendations[i].findingIds.firstIndex(of: id) {
                    rec.recommendations[i].findingIds.remove(at: at)
                } else {
                    rec.recommendations[i].findingIds.append(id)
                }
            }
        case .attendee(let name):
            update { rec in
                if let at = rec.attendeesPresent.firstIndex(of: name) {
                    rec.attendeesPresent.remove(at: at)
                } else {
                    rec.attendeesPresent.append(name)
                }
            }
        case .addRecommendation: addRecommendation()
        case .addDissent: return askDissent()
        case .dissent(let i):
            return .ask("Reason for \(d.dissent[i].name)'s dissent:", initial: d.dissent[i].reason) { [self] answer in
                if let answer, !answer.isEmpty { update { $0.dissent[i].reason = answer } }
                return .none
            }
        case .therapy(let i): startEditing(row, d.recommendations[i].therapy ?? "")
        case .trial(let i): startEditing(row, d.recommendations[i].trialId ?? "")
        case .rationale(let i): startEditing(row, d.recommendations[i].rationale)
        case .followUpDate: startEditing(row, d.followUp?.date?.description ?? "")
        case .followUpWeeks: startEditing(row, d.followUp?.intervalWeeks.map(String.init) ?? "")
        case .represent: startEditing(row, d.followUp?.represent ?? "")
        case .kind, .scale, .level, .priority, .consensus: cycle(row, by: 1)
        case .status, .recommendation: break
        }
        return .none
    }

    func startEditing(_ row: Row, _ text: String) {
        var field = TextField()
        field.setText(text)
        editing = (row, field)
    }

    func commit(_ row: Row, text raw: String, context: AppContext) -> Navigation {
        let text = raw.trimmingCharacters(in: .whitespaces)
        switch row {
        case .therapy(let i):
            update {
                $0.recommendations[i].therapy = text.isEmpty ? nil : text
                $0.recommendations[i].drugs = text.split(whereSeparator: { $0 == "+" || $0 == "," }).map {
                    $0.trimmingCharacters(in: .whitespaces)
                }.filter { !$0.isEmpty }
            }
        case .trial(let i): update { $0.recommendations[i].trialId = text.isEmpty ? nil : text.uppercased() }
        case .rationale(let i): update { $0.recommendations[i].rationale = text }
        case .followUpDate:
            if text.isEmpty { update { $0.followUp?.date = nil } } else { return setFollowUp(text, context: context) }
        case .followUpWeeks:
            if text.isEmpty {
                update { $0.followUp?.intervalWeeks = nil }
            } else if let weeks = Int(text), (1...520).contains(weeks) {
                update {
                    $0.followUp = ($0.followUp ?? FollowUp())
                    $0.followUp?.intervalWeeks = weeks
                }
            } else {
                return .error("Follow-up interval: expected a number of weeks (1–520)")
            }
        case .represent:
            update {
                $0.followUp = ($0.followUp ?? FollowUp())
                $0.followUp?.represent = text.isEmpty ? nil : text
            }
        default: break
        }
        return .none
    }

    /// Sets the follow-up date after ValidValues: a date not on the calendar is refused with the reason; a date in
    /// the past is kept only after the user confirms it (a follow-up recorded after the fact).
    func setFollowUp(_ text: String, context: AppContext) -> Navigation {
        func keep(_ date: LocalDate) {
            update {
                $0.followUp = ($0.followUp ?? FollowUp())
                $0.followUp?.date = date
            }
        }
        do {
            keep(try ValidValues.followUp(parsing: text, today: context.today))
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
                keep(date)
                return .none
            }
        } catch {
            return .error("Follow-up date: \(error.reason)")
        }
    }

    /// Steps a choice field through its values.
    func cycle(_ row: Row, by step: Int) {
        func next<T: Equatable>(_ values: [T], _ current: T) -> T {
            let i = values.firstIndex(of: current) ?? 0
            return values[(i + step + values.count) % values.count]
        }
        switch row {
        case .kind(let i):
            update { $0.recommendations[i].kind = next(RecommendationKind.allCases, $0.recommendations[i].kind) }
        case .scale(let i):
            update {
                let scales: [EvidenceScale?] = [nil] + EvidenceScale.allCases
                let scale = next(scales, $0.recommendations[i].evidence?.scale)
                $0.recommendations[i].evidence = scale.map { EvidenceLevel(scale: $0, code: $0.levels[0]) }
            }
        case .level(let i):
            update {
                guard let level = $0.recommendations[i].evidence else { return }
                $0.recommendations[i].evidence = EvidenceLevel(
                    scale: level.scale, code: next(level.scale.levels, level.code))
            }
        case .priority(let i):
            update { $0.recommendations[i].priority = next(Array(1...5), $0.recommendations[i].priority) }
        case .consensus: update { $0.consensus = next([nil] + Consensus.allCases.map(Optional.some), $0.consensus) }
        case .trial(let i):
            let order: [MatchStatus: Int] = [.eligible: 0, .possiblyEligible: 1, .notEligible: 2]
            let matches = (record?.matches ?? []).sorted {
                (order[$0.status]!, -$0.score) < (order[$1.status]!, -$1.score)
            }
            var candidates: [String?] = [nil]
            for m in matches where !candidates.contains(m.trialId) { candidates.append(m.trialId) }
            if let current = decision?.recommendations[i].trialId, !candidates.contains(current) {
                candidates.append(current)
            }
            update { $0.recommendations[i].trialId = next(candidates, $0.recommendations[i].trialId) }
        default: break
        }
    }

    func addRecommendation() {
        update {
            $0.recommendations.append(Recommendation(kind: .targetedTherapy, priority: $0.recommendations.count + 1))
        }
        if let index = rows.firstIndex(of: .kind((decision?.recommendations.count ?? 1) - 1)) { list.select(index) }
    }

    func askDissent() -> Navigation {
        let roster = meeting?.roster.map(\.name) ?? []
        return .ask(
            "Who dissents?" + (roster.isEmpty ? "" : " (\(roster.prefix(3).joined(separator: ", "))…)"), initial: ""
        ) { [self] name in
            guard let name, !name.isEmpty else { return .none }
            return .ask("Why does \(name) dissent?", initial: "") { [self] reason in
                guard let reason, !reason.isEmpty else { return .error("A dissent needs a reason; nothing recorded.") }
                update { $0.dissent.append(Dissent(name: name, reason: reason)) }
                return .none
            }
        }
    }

    func remove(_ row: Row) {
        switch row {
        case .recommendation(let i), .kind(let i), .therapy(let i), .trial(let i), .scale(let i), .level(let i),
            .priority(let i), .rationale(let i), .finding(let i, _):
            update { $0.recommendations.remove(at: i) }
        case .dissent(let i): update { $0.dissent.remove(at: i) }
        default: break
        }
    }

    func update(_ change: (inout Decision) -> Void) {
        guard var d = decision, !isReadOnly else { return }
        change(&d)
        if d.followUp == FollowUp() { d.followUp = nil }
        decision = d
        draftChanged()
        validate(forSigning: false)
        list.setCount(rows.count)
    }

    func draftChanged() {
        guard let d = decision, let body = try? String(decoding: NativeReader.encoder.encode(d), as: UTF8.self) else {
            return
        }
        drafts?.changed(body)
    }

    // MARK: Saving

    func save(_ context: AppContext) -> Navigation {
        guard let d = decision else { return .none }
        do {
            let saved = try context.store.saveDecision(d, now: context.now)
            decision = saved
            savedCopy = saved
            drafts?.discard(context)
            validate(forSigning: false)
            return .message("Draft saved (version \(saved.version)).")
        } catch let conflict as DecisionConflict {
            drafts?.flush(context)
            return .push(DecisionConflictScreen(conflict: conflict, form: self))
        } catch let invalid as DecisionInvalid {
            problems = invalid.problems
            return .error("Not saved: \(invalid.problems.count) problem(s) marked ✗ beside the fields.")
        } catch {
            draftChanged()
            // On a read-only store or a full disk the draft cannot be written either: do not promise it.
            let kept = drafts?.flush(context) == true ? "kept as a draft" : "still in the form; try again"
            return .error("Not saved: \(error) (\(kept))")
        }
    }

    func finalise(_ context: AppContext) -> Navigation {
        validate(forSigning: true)
        guard problems.isEmpty else {
            if let first = problems.first, first.field == "signedBy" {
                return .error("Cannot sign: the meeting has no chair. Set the chair first.")
            }
            return .error("Cannot sign yet: \(problems.count) problem(s) marked ✗ beside the fields.")
        }
        if isDirty || decision?.version == 0 {
            if case .error(let text) = save(context) { return .error(text) }
            if decision?.version == 0 || isDirty { return .none }
        }
        guard let d = decision, let chair = meeting?.chair else { return .none }
        let patient = record?.record.patient
        let summary = DecisionText.lines(
            d, findings: record?.record.findings ?? [], format: { context.format($0) },
            mask: { text in patient.map { context.masked(text, for: $0) } ?? text }
        ).map(\.text)
        let modal = Modal(
            title: "Sign decision \(d.id) as \(chair)?",
            body: summary + ["", "A signed decision is read-only; later changes become amendments."],
            buttons: ["Cancel", "Sign"])
        return .confirm(modal) { [self] choice in
            guard choice == 1, let d = decision else { return .none }
            do {
                let signed = try context.store.signDecision(
                    id: d.id, expectedVersion: d.version, chair: chair, now: context.now)
                decision = signed
                savedCopy = signed
                drafts?.discard(context)
                return .popAndReload("Decision \(signed.id) signed by \(chair).")
            } catch let conflict as DecisionConflict {
                return .push(DecisionConflictScreen(conflict: conflict, form: self))
            } catch {
                return .error("Not signed: \(error)")
            }
        }
    }

    func amend(_ context: AppContext) -> Navigation {
        guard let d = decision, d.status == .final else {
            return .error("Only a signed (final) decision is amended; a draft is edited directly.")
        }
        return .ask("Reason for amending \(d.id):", initial: "") { [self] reason in
            guard let reason, !reason.isEmpty else { return .error("An amendment needs a reason; nothing changed.") }
            do {
                let amendment = try context.store.amendDecision(id: d.id, reason: reason, now: context.now)
                decision = amendment
                savedCopy = amendment
                drafts = DraftKeeper(key: "decision:\(amendment.id)")
                list.setCount(rows.count)
                return .message("Amendment \(amendment.id) started; edit, save (s) and sign (F).")
            } catch {
                return .error("\(error)")
            }
        }
    }

    func close(_ context: AppContext) -> Navigation {
        guard isDirty, !isReadOnly else {
            drafts?.discard(context)
            return .pop
        }
        let modal = Modal(
            title: "Unsaved changes", body: ["Save the draft before closing?"],
            buttons: ["Keep editing", "Discard", "Save"])
        return .confirm(modal) { [self] choice in
            switch choice {
            case 1:
                drafts?.discard(context)
                return .pop
            case 2:
                let result = save(context)
                if case .message = result { return .popAndReload("Draft saved.") }
                return result
            default: return .none
            }
        }
    }

    /// After a conflict: continue from their version, or put mine on top of it.
    func resolve(takeTheirs: Bool, conflict: DecisionConflict) {
        if takeTheirs {
            decision = conflict.theirs
            savedCopy = conflict.theirs
        } else {
            var mine = conflict.mine
            mine.version = conflict.theirs.version
            mine.status = .draft
            decision = mine
            savedCopy = conflict.theirs
        }
        draftChanged()
        validate(forSigning: false)
    }

    public func perform(_ action: AppAction, context: AppContext) -> Navigation {
        // Any other quit key also goes through the unsaved-changes question.
        if case .quit = action { return close(context) }
        return .unhandled
    }

    public func tick(_ context: AppContext) { drafts?.saveIfDue(context) }

    public func flushDrafts(_ context: AppContext) { if isDirty { drafts?.flush(context) } }
}
