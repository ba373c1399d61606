import BoardFormats
import BoardModel
import BoardStore
import TUIKit

/// One trial: status, arms with their criteria, and the registry's eligibility text.
@MainActor
public final class TrialScreen: Screen {
    let trialId: String
    var trial: Trial?
    var text = TextView()

    public init(trialId: String) { self.trialId = trialId }

    public var title: String { "Trial \(trialId)" }

    public func reload(_ context: AppContext) throws {
        trial = try context.store.trial(id: trialId)
        text.lines = trial.map(Self.lines) ?? [.init("No trial \(trialId) in the store.", role: .warning)]
    }

    static func lines(_ t: Trial) -> [TextView.Line] {
        var lines: [TextView.Line] = [
            .init("\(t.id) · \(t.phase ?? "phase ?") · \(t.status.label)", role: .title), .init(t.title),
        ]
        if let sponsor = t.sponsor { lines.append(.init("Sponsor: \(sponsor)", role: .dim)) }
        let e = t.eligibility
        var structured: [String] = []
        if let min = e.minimumAge { structured.append("age ≥ \(min)") }
        if let max = e.maximumAge { structured.append("age ≤ \(max)") }
        if let sex = e.sex { structured.append("sex \(sex.rawValue)") }
        if !e.diagnoses.isEmpty { structured.append("diagnoses " + e.diagnoses.joined(separator: ", ")) }
        if !structured.isEmpty { lines.append(.init("Eligibility: " + structured.joined(separator: "; "))) }
        if let criteria = e.criteria { lines.append(.init("Criteria: " + CriterionText.describe(criteria))) }
        lines.append("")
        for arm in t.arms {
            // An arm is open only while its trial recruits: a registry arm has no status of its own. The words are
            // `trial ID`'s, so the screen and the command never differ.
            let open = t.accrual(of: arm) == .open
            let accrual = " (\(TrialSummaryText.accrualText(arm, of: t)))"
            lines.append(.init("Arm \(arm.id): \(arm.name)" + (open ? "" : accrual), role: open ? .title : .dim))
            if !arm.drugs.isEmpty { lines.append(.init("  Drugs: " + arm.drugs.joined(separator: ", "))) }
            if let criteria = arm.criteria { lines.append(.init("  Criteria: " + CriterionText.describe(criteria))) }
        }
        if !t.sites.isEmpty {
            lines.append("")
            lines.append(.init("Sites (\(t.sites.count))", role: .title))
            for site in t.sites.prefix(20) {
                lines.append(
                    .init("  " + [site.name, site.city, site.country].compactMap { $0 }.joined(separator: ", ")))
            }
        }
        for (title, body) in [("Inclusion criteria", e.inclusionText), ("Exclusion criteria", e.exclusionText)] {
            guard let body, !body.isEmpty else { continue }
            lines.append("")
            lines.append(.init(title, role: .title))
            lines += body.split(separator: "\n", omittingEmptySubsequences: false).map { TextView.Line(String($0)) }
        }
        return lines
    }

    public func render(into canvas: inout Canvas, rect: Rect, context: AppContext) {
        let inner = Pane.draw(
            &canvas, rect: rect, title: trial.map { $0.shortTitle ?? $0.id } ?? trialId, focused: true)
        text.render(into: &canvas, rect: inner)
    }

    public func perform(_ action: AppAction, context: AppContext) -> Navigation {
        TextKeys.apply(action, to: &text) ? .none : .unhandled
    }
}

/// Criterion trees in one readable line: "all of (diagnosis NSCLC, any of (EGFR p.L858R, not KRAS))".
enum CriterionText {
    static func describe(_ c: Criterion) -> String {
        switch c {
        case .all(let list): return "all of (" + list.map(describe).joined(separator: ", ") + ")"
        case .any(let list): return "any of (" + list.map(describe).joined(separator: ", ") + ")"
        case .clinical(let n):
            return [
                n.oncotreePrimaryDiagnosis.map { "diagnosis \($0)" }, n.ageNumerical.map { "age \($0)" },
                n.gender.map { "sex \($0)" },
                n.ecog.map { "ECOG \($0)" }, n.tmbNumerical.map { "TMB \($0)" }, n.her2Status.map { "HER2 \($0)" },
                n.erStatus.map { "ER \($0)" }, n.prStatus.map { "PR \($0)" }, n.priorTreatment.map { "prior \($0)" },
            ]
            .compactMap { $0 }.joined(separator: " & ")
        case .genomic(let g):
            return [
                g.hugoSymbol, g.proteinChange, g.wildcardProteinChange.map { "\($0)*" }, g.exon.map { "exon \($0)" },
                g.cnvCall, g.variantCategory.map { "(\($0))" }, g.fusionPartnerHugoSymbol.map { "fusion with \($0)" },
                g.msStatus, g.mmrStatus, g.wildtype == true ? "wild-type" : nil,
            ]
            .compactMap { $0 }.joined(separator: " ")
        }
    }
}
