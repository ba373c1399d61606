import BoardModel
import BoardStore
import Foundation
import TUIKit

/// The text tabs of a case (Summary, Notes, Decision, History) as styled lines.
@MainActor
enum CaseText {
    /// The Summary tab: who (identifiers hidden in privacy mode), the disease, the question, what was given, the
    /// reports, and the checklist of what is still missing.
    static func summary(_ r: CaseRecord, context: AppContext) -> [TextView.Line] {
        let c = r.record
        let say = { (text: String) in context.masked(text, for: c.patient) }
        return identity(c, context: context, say: say) + [""] + disease(c, hideDates: context.privacy, say: say) + [""]
            + questionAndHistory(c, say: say) + background(c, say: say) + [""] + checklist(c)
    }

    /// The patient line, identifiers or the privacy notice, and the vital status of a deceased patient.
    static func identity(_ c: Case, context: AppContext, say: (String) -> String) -> [TextView.Line] {
        var lines: [TextView.Line] = []
        let p = c.patient
        lines.append(
            .init(
                context.patientLabel(p) + "  ·  \(context.caseId(c.id, of: p))  ·  \(c.status.rawValue)",
                role: context.privacy ? .privacy : .title))
        if context.privacy {
            lines.append(.init("Identifiers hidden (privacy mode)", role: .privacy))
        } else {
            let ids = p.identifiers.map(\.shown).joined(separator: ", ")
            lines.append(
                .init(
                    "Born \(p.birthDate?.description ?? "unknown")  ·  \(ids.isEmpty ? "no identifiers" : ids)",
                    hangingIndent: 2))
            // Race and ethnicity as the record states them; hidden with the identifiers in privacy mode.
            let demographics = [p.race.map { "Race \($0)" }, p.ethnicity.map { "Ethnicity \($0)" }].compactMap { $0 }
            if !demographics.isEmpty { lines.append(.init(demographics.joined(separator: "  ·  "), hangingIndent: 2)) }
        }
        if p.isDeceased {
            lines.append(
                .init(
                    "Vital status \(LifeStatus(p).phrase(on: context.today, hideDates: context.privacy, say: say))",
                    role: .warning))
        }
        if let survival = p.survival?.phrase(vitalStatus: p.vitalStatus) {
            lines.append(.init("Survival \(survival)", hangingIndent: 2))
        }
        return lines
    }

    /// Diagnosis, stage, metastases, performance, consent and referral, values wrapped under themselves.
    static func disease(_ c: Case, hideDates: Bool, say: (String) -> String) -> [TextView.Line] {
        var lines: [TextView.Line] = []
        let d = c.diagnosis
        // Width of the labels ("Diagnosis    "): wrapped values continue under themselves.
        let label = 13
        lines.append(
            .init(
                "Diagnosis    \(say(d.text))" + (d.oncotreeCode.map { " [\($0)]" } ?? ""), hangingIndent: label))
        if let h = d.histology { lines.append(.init("Histology    \(say(h))", hangingIndent: label)) }
        if let site = d.primarySite {
            lines.append(
                .init(
                    "Primary site \(say(site))" + (d.laterality.map { ", \($0.rawValue)" } ?? ""), hangingIndent: label)
            )
        }
        if let on = d.diagnosedOn { lines.append(.init("Diagnosed    \(on)")) }
        // A resolved or remitted cancer never reads as current.
        if let status = d.statusPhrase(hideDates: hideDates) {
            lines.append(.init("Status       \(status)", role: .warning))
        }
        // How certain the diagnosis is, as recorded; an unconfirmed one is a warning (matching treats it as unknown).
        if let verification = d.verificationText {
            lines.append(.init("Verified     \(verification)", role: d.isUnconfirmed ? .warning : .normal))
        }
        lines.append(
            .init(
                "Stage        \(c.stage?.summary ?? "—")", role: c.stage == nil ? .warning : .normal,
                hangingIndent: label))
        if !c.metastaticSites.isEmpty {
            lines.append(
                .init(
                    "Metastases   "
                        + c.metastaticSites.map { $0.summary(hideDates: hideDates) }.joined(separator: "; "),
                    hangingIndent: label))
        }
        let perf = c.performance?.summary ?? ""
        lines.append(.init("Performance  \(perf.isEmpty ? "—" : perf)", role: perf.isEmpty ? .warning : .normal))
        let consent = [
            c.consent.research.map { "research \($0 ? "yes" : "no")" },
            c.consent.trials.map { "trials \($0 ? "yes" : "no")" },
        ]
        .compactMap { $0 }.joined(separator: ", ")
        lines.append(
            .init(
                "Consent      \(consent.isEmpty ? "not recorded" : consent)", role: consent.isEmpty ? .warning : .normal
            ))
        if let ref = c.referringClinician { lines.append(.init("Referred by  \(ref)", hangingIndent: label)) }
        return lines
    }

    /// The question for the board and the treatment lines given so far.
    static func questionAndHistory(_ c: Case, say: (String) -> String) -> [TextView.Line] {
        var lines: [TextView.Line] = []
        lines.append(.init("Question for the board", role: .title))
        lines.append(.init(c.question.isEmpty ? "—" : say(c.question), role: .highlight))
        lines.append("")
        lines.append(.init("Treatment history", role: .title))
        if c.treatmentHistory.isEmpty { lines.append(.init("none recorded", role: .dim)) }
        for line in TherapyLine.ordered(c.treatmentHistory) {
            let drugs = line.drugs.isEmpty ? say(line.regimen ?? "—") : line.drugs.joined(separator: " + ")
            let dates = line.period
            let mark = line.line.map { "L\($0)" } ?? "- "
            var text = mark + "  \(drugs)"
            if let setting = line.setting { text += " (\(say(setting)))" }
            if !dates.isEmpty { text += "  \(dates)" }
            if let best = line.bestResponse { text += "  best response \(best.rawValue)" }
            if let stop = line.stopReason { text += "  stopped: \(say(stop))" }
            // Wrapping collapses the two spaces after the mark: continuation lines start under the drugs.
            lines.append(.init(text, hangingIndent: mark.trimmingCharacters(in: .whitespaces).count + 1))
        }
        return lines
    }

    /// Comorbidities and molecular reports, when there are any.
    static func background(_ c: Case, say: (String) -> String) -> [TextView.Line] {
        var lines: [TextView.Line] = []
        if !c.comorbidities.isEmpty {
            lines.append("")
            lines.append(.init("Comorbidities", role: .title))
            lines.append(.init(say(ComorbidityList.text(c.comorbidities))))
        }
        // Phenotypic features and measurements as recorded (Phenopackets): shown, never read as a diagnosis.
        for (title, items) in [("Phenotypes", c.phenotypes), ("Measurements", c.measurements)] where !items.isEmpty {
            lines.append("")
            lines.append(.init(title, role: .title))
            lines += items.map { .init(say($0), hangingIndent: 2) }
        }
        if !c.reports.isEmpty {
            lines.append("")
            lines.append(.init("Molecular reports", role: .title))
            for report in c.reports {
                let spec =
                    report.specimen.map { s in
                        [s.site, s.tumourPurity.map { String(format: "purity %.0f%%", $0 * 100) }].compactMap { $0 }
                            .joined(separator: ", ")
                    } ?? ""
                lines.append(
                    .init(
                        [report.lab, report.assay, report.reportedOn?.description, spec].compactMap { $0 }.filter {
                            !$0.isEmpty
                        }.joined(separator: " · ")))
            }
        }
        return lines
    }

    /// What the coordinator still has to chase, or why an item does not apply.
    static func checklist(_ c: Case) -> [TextView.Line] {
        var lines: [TextView.Line] = []
        lines.append(.init("Checklist before the board", role: .title))
        let missing = Set(c.missingData)
        let notApplicable = c.notApplicable
        for item in MissingItem.allCases {
            if let reason = notApplicable[item], item != .stage || (c.stage?.group == nil && c.stage?.t == nil) {
                lines.append(.init("– \(item.label): not applicable (\(reason))", role: .dim, hangingIndent: 2))
                continue
            }
            let ok = !missing.contains(item)
            lines.append(.init("\(ok ? "✓" : "✗") \(item.label)", role: ok ? .met : .notMet))
        }
        return lines
    }

    static func notes(_ r: CaseRecord, context: AppContext) -> [TextView.Line] {
        if r.notes.isEmpty { return [.init("No notes yet.", role: .dim)] }
        var lines: [TextView.Line] = []
        for note in r.notes {
            var about = ""
            if let f = note.target.findingId, let finding = r.record.findings.first(where: { $0.id == f }) {
                about = " · on \(finding.label)"
            }
            if let t = note.target.trialId { about = " · on trial \(t)" }
            lines.append(
                .init(
                    "\(note.author) · \(context.format(note.writtenAt))\(about)"
                        + (note.version > 1 ? " · v\(note.version)" : ""), role: .title))
            for paragraph in context.masked(note.text, for: r.record.patient).split(
                separator: "\n", omittingEmptySubsequences: false)
            {
                lines.append(.init(String(paragraph)))
            }
            lines.append("")
        }
        return lines
    }

    static func decision(_ r: CaseRecord, context: AppContext) -> [TextView.Line] {
        guard let d = r.currentDecision else { return [.init("No decision recorded yet.", role: .dim)] }
        let say = { (text: String) in context.masked(text, for: r.record.patient) }
        var lines: [TextView.Line] = []
        let state = d.status == .final ? "FINAL" : d.status.rawValue
        lines.append(
            .init(
                "Decision \(d.id) · \(state) · version \(d.version)" + (d.amends.map { " · amends \($0)" } ?? ""),
                role: d.status == .final ? .success : .warning))
        if let reason = d.amendmentReason { lines.append(.init("Amended because: \(say(reason))")) }
        lines.append("")
        lines += DecisionText.recommendationLines(d, findings: r.record.findings, mask: say).map {
            TextView.Line($0.text, role: $0.kind.role)
        }
        lines.append("")
        if let consensus = d.consensus { lines.append(.init("Consensus: \(consensus.rawValue)")) }
        for dissent in d.dissent {
            lines.append(.init("Dissent: \(dissent.name) — \(say(dissent.reason))", role: .warning))
        }
        if !d.attendeesPresent.isEmpty { lines.append(.init("Present: \(d.attendeesPresent.joined(separator: ", "))")) }
        if let f = d.followUp {
            let when = f.date?.description ?? f.intervalWeeks.map { "in \($0) weeks" } ?? ""
            lines.append(.init("Follow-up: \(when)" + (f.represent.map { " — re-present \(say($0))" } ?? "")))
        }
        if let signer = d.signedBy, let at = d.signedAt {
            lines.append(.init("Signed by \(signer) on \(context.format(at))", role: .success))
        }
        lines.append(.init("Recorded by \(d.recordedBy) on \(context.format(d.recordedAt))", role: .dim))
        let earlier = DecisionText.presentations(
            r, except: d.id, format: { context.format($0, time: false) }, mask: say)
        if !earlier.isEmpty {
            lines.append("")
            lines.append(.init("Earlier decisions", role: .title))
            lines += earlier.map { TextView.Line($0) }
        }
        return lines
    }

    static func history(_ r: CaseRecord, context: AppContext) -> [TextView.Line] {
        if r.history.isEmpty { return [.init("No recorded changes.", role: .dim)] }
        let say = { (text: String) in context.masked(text, for: r.record.patient) }
        let decisions = DecisionText.presentations(
            r, except: nil, format: { context.format($0, time: false) }, mask: say)
        var head: [TextView.Line] = []
        if !decisions.isEmpty {
            head.append(TextView.Line("Decisions, one per presentation", role: .title))
            head += decisions.map { TextView.Line($0) }
            head.append(TextView.Line(""))
        }
        return head
            + r.history.reversed().map { e in
                var text = "\(context.format(e.at)) \(e.user): \(e.action)"
                if e.entity != "case" { text += " \(e.entity) \(e.entityId)" }
                if let before = e.before, before.count < 40 { text += "  \(say(before)) →" }
                if let after = e.after, after.count < 60 {
                    text += (e.before == nil ? "  " : " ") + say(after.replacingOccurrences(of: "\n", with: " "))
                }
                return TextView.Line(text)
            }
    }
}
