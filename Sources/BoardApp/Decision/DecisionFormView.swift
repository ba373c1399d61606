import BoardModel
import BoardStore
import Foundation
import TUIKit

/// Draws the decision form: a label column and a value per row, the row's problem beside it, the field being
/// typed into, and wrapped rationale lines aligned under the first one.
@MainActor
struct DecisionFormView {
    let model: DecisionFormModel
    let context: AppContext
    static let labelWidth = 17

    /// Draws into `rect` and returns the rect of the list (for mouse clicks).
    func render(
        into canvas: inout Canvas, rect: Rect, list: inout ListView, editing: DecisionFormScreen.Editing?
    ) -> Rect {
        guard let d = model.decision, let record = model.record else {
            canvas.put("No case \(model.caseId).", in: rect, role: .warning)
            return .zero
        }
        let who = context.patientLabel(record.record.patient)
        let inner = Pane.draw(
            &canvas, rect: rect,
            title: "Decision \(d.id) · \(model.caseId) · \(who)" + (model.restoredNotice.map { " · \($0)" } ?? ""),
            focused: true)
        guard inner.height > 1 else { return .zero }
        model.valueWidth = max(10, inner.width - Self.labelWidth - 2)
        let rows = model.rows
        list.setCount(rows.count)
        list.render(into: &canvas, rect: inner) { index, selected in
            let row = rows[index]
            let (label, value, role) = describe(row, decision: d)
            let pad = indent(row)
            var spans = [
                Span(
                    String(repeating: " ", count: pad)
                        + label.padding(toLength: max(0, Self.labelWidth - pad), withPad: " ", startingAt: 0),
                    role: selected ? .selection : (label.isEmpty ? .normal : .dim))
            ]
            if selected, let editing, editing.row == row {
                spans.append(Span(editing.field.text + "▏", role: .input))
                if let hint = editing.completionHint { spans.append(Span("  " + hint, role: .dim)) }
            } else {
                spans.append(Span(value, role: selected ? .selection : role))
            }
            if let message = model.problem(for: row) { spans.append(Span("  ✗ " + message, role: .error)) }
            return spans
        }
        return inner
    }

    func indent(_ row: DecisionFormModel.Row) -> Int {
        switch row {
        case .kind, .therapy, .trial, .scale, .level, .priority, .rationale, .rationaleMore: 2
        case .finding: 4
        default: 0
        }
    }

    func masked(_ text: String) -> String {
        guard let patient = model.record?.record.patient else { return text }
        return context.masked(text, for: patient)
    }

    func describe(_ row: DecisionFormModel.Row, decision d: Decision) -> (String, String, StyleRole) {
        func rec(_ i: Int) -> Recommendation { d.recommendations[i] }
        switch row {
        case .status: return status(d)
        case .signer: return signer(d)
        case .earlier(let id):
            guard let e = model.earlier.first(where: { $0.id == id }) else { return ("Earlier", id, .dim) }
            return ("Earlier", earlierText(e), .dim)
        case .recommendation(let i): return ("Recommendation \(i + 1)", "", .title)
        case .kind(let i): return ("Kind", "‹ \(rec(i).kind.label) ›", .normal)
        case .therapy(let i):
            // Evidence in the case against a drug of this recommendation is said beside it, in words.
            let against = rec(i).evidenceAgainst(in: model.record?.record.findings ?? [])
            let caution =
                against.isEmpty
                ? ""
                : "  ⚠ caution: " + against.map { "\($0.entry.phrase) (\($0.finding.label))" }.joined(separator: "; ")
            let therapy = rec(i).therapy.map(masked) ?? "—"
            return ("Therapy", therapy + caution, against.isEmpty ? (rec(i).therapy == nil ? .dim : .normal) : .warning)
        case .trial(let i):
            let id = rec(i).trialId
            let match = id.flatMap { t in model.record?.matches.first { $0.trialId == t } }
            let title = id.flatMap { model.record?.trials[$0]?.shortTitle ?? model.record?.trials[$0]?.title }
            // A referral to an arm that takes no patients says so ("eligible; not open: not recruiting").
            let notOpen = match?.notOpen(in: id.flatMap { model.record?.trials[$0] })
            let verdict = match.map { " (\($0.status.label)" + (notOpen.map { "; not open: \($0)" } ?? "") + ")" }
            return (
                "Trial",
                id.map { "‹ \($0) ›" + (title.map { " \($0)" } ?? "") + (verdict ?? "") } ?? "‹ — ›",
                id == nil ? .dim : notOpen == nil ? .normal : .warning
            )
        case .finding(let i, let findingId):
            let finding = model.finding(findingId)
            let on = rec(i).findingIds.contains(findingId)
            let evidence = finding.map { $0.evidence.isEmpty ? "" : "  [\($0.evidenceSummary)]" } ?? ""
            return ("", "[\(on ? "x" : " ")] \(finding?.label ?? findingId)\(evidence)", on ? .highlight : .normal)
        case .scale(let i): return ("Evidence scale", "‹ \(model.scale(of: i)?.rawValue ?? "not set") ›", .normal)
        case .level(let i):
            guard let level = rec(i).evidence else {
                return model.scale(of: i) == nil
                    ? ("Level", "‹ not set › (choose a scale first)", .dim) : ("Level", "‹ not set ›", .warning)
            }
            return ("Level", "‹ \(level.code) › " + (level.meaning ?? ""), EvidenceRole.role(tier: level.tier))
        case .priority(let i): return ("Priority", "‹ \(rec(i).priority) ›", .normal)
        case .rationale(let i):
            let lines = model.rationaleLines(masked(rec(i).rationale))
            return ("Rationale", rec(i).rationale.isEmpty ? "—" : lines[0], rec(i).rationale.isEmpty ? .dim : .normal)
        case .rationaleMore(let i, let k):
            let lines = model.rationaleLines(masked(rec(i).rationale))
            return ("", k < lines.count ? lines[k] : "", .normal)
        case .addRecommendation: return ("", "+ add a recommendation (a)", .info)
        case .consensus: return ("Consensus", "‹ \(d.consensus?.rawValue ?? "not recorded") ›", .normal)
        case .dissent(let i):
            return ("Dissent", "\(d.dissent[i].name) — \(masked(d.dissent[i].reason))", .warning)
        case .addDissent: return ("", "+ record a dissent (d)", .info)
        case .attendee(let name):
            let discipline = model.meeting?.roster.first { $0.name == name }?.discipline.label ?? "not on the roster"
            let present = d.attendeesPresent.contains(name)
            return ("Present", "[\(present ? "x" : " ")] \(name) · \(discipline)", present ? .normal : .dim)
        case .addPresent: return ("", "+ someone present who is not on the roster (P)", .info)
        case .followUpDate: return ("Follow-up date", d.followUp?.date?.description ?? "—", .normal)
        case .followUpWeeks: return ("…or in weeks", d.followUp?.intervalWeeks.map(String.init) ?? "—", .normal)
        case .represent: return ("Re-present", d.followUp?.represent.map(masked) ?? "—", .normal)
        }
    }

    func status(_ d: Decision) -> (String, String, StyleRole) {
        var text = d.version == 0 ? "new, not saved yet" : "\(d.status.rawValue), version \(d.version)"
        if model.isDirty && !model.isReadOnly && d.version > 0 { text += " · unsaved changes" }
        if let amends = d.amends { text += " · amends \(amends)" + (d.amendmentReason.map { ": \($0)" } ?? "") }
        if let meetingId = d.meetingId {
            text += " · meeting " + (model.meeting.map { context.format($0.startsAt, time: false) } ?? meetingId)
        }
        if let signer = d.signedBy {
            text += " · signed by \(signer)" + (d.signedByLogin.map { " (login \($0))" } ?? "")
        }
        return ("Status", text, d.status == .final ? .success : .warning)
    }

    /// Who signs, and what this terminal's login may do: "chair Inés Calderón · you (hmeier) are …".
    func signer(_ d: Decision) -> (String, String, StyleRole) {
        if d.status != .draft {
            var parts = [d.signedByLogin.map { "signed by login \($0)" } ?? "no login recorded (signed before logins)"]
            if let asked = d.signoffRequestedBy { parts.append("requested by \(asked)") }
            return ("Sign-off", parts.joined(separator: " · "), .dim)
        }
        var parts = ["chair " + (model.meeting?.chair ?? "not set")]
        parts.append(model.signingRight?.explanation ?? "you are login \(context.store.login)")
        if let r = model.signoffRequest {
            parts.append("requested by \(r.requestedBy), \(context.format(r.requestedAt))")
        }
        return ("Sign-off", parts.joined(separator: " · "), model.signingRight?.maySign == true ? .success : .warning)
    }

    /// "D-0001 (meeting of Thu 19 Nov 2026, signed by Inés Calderón): 1. clinical trial: …".
    func earlierText(_ e: Decision) -> String {
        let when = e.meetingId.flatMap { model.meetingDates[$0] }.map {
            "meeting of " + context.format($0, time: false)
        }
        let recs = e.recommendations.sorted { $0.priority < $1.priority }.map { r in
            "\(r.priority). \(r.kind.label)" + (r.therapy.map { ": \(masked($0))" } ?? "")
                + (r.trialId.map { " — trial \($0)" } ?? "")
        }
        // Who signed comes before the recommendations, so a narrow form still shows it.
        let about = [when ?? "outside a meeting"] + [e.signedBy.map { "signed by \($0)" }].compactMap { $0 }
        return "\(e.id) (\(about.joined(separator: ", "))): "
            + (recs.isEmpty ? "no recommendation" : recs.joined(separator: "; "))
    }
}
