import BoardModel
import Foundation

/// The precedents of a case as plain lines, the same on the command line and on the case screen: the summary
/// per group, the swimmer plot, then each precedent with why it is similar, its signed recommendation with
/// evidence, and its outcomes.
public enum PrecedentText {
    /// Every line, for a terminal `width` columns wide. `keepingPlotColumns` joins the plot's rows with no-break
    /// spaces, so a view that wraps words (the case screen) keeps its bars in their columns.
    public static func lines(_ list: PrecedentList, width: Int = 100, keepingPlotColumns: Bool = false) -> [String] {
        guard !list.precedents.isEmpty else {
            return ["No earlier case with a signed decision is like \(list.caseId) (\(list.compared) compared)."]
        }
        var out = [
            "\(list.precedents.count) most similar of \(list.compared) earlier decided case\(list.compared == 1 ? "" : "s"):"
        ]
        out += PrecedentGroup.groups(list.precedents).map { "• " + $0.sentence }
        out.append("")
        out.append("Swimmer plot (from the start of treatment):")
        let plot = SwimmerPlot.lines(list.precedents, width: width)
        out +=
            keepingPlotColumns
            ? plot.dropLast().map { $0.replacingOccurrences(of: " ", with: "\u{00A0}") } + plot.suffix(1) : plot
        out.append("")
        for (index, precedent) in list.precedents.enumerated() {
            out += entry(precedent, number: index + 1)
        }
        return out
    }

    /// One precedent: headline, why, what was recommended (with evidence) and signed.
    public static func entry(_ p: Precedent, number: Int) -> [String] {
        var head = "\(number). \(p.reference)"
        if p.institution != nil { head += " [partner board]" }
        head += " · \(p.diagnosis)" + (p.oncotreeCode.map { " (\($0))" } ?? "")
        if let stage = p.stageGroup { head += " · stage \(stage)" }
        if let lines = p.priorLines { head += " · \(priorLinesLabel(lines))" }
        head += " · score \(p.similarity.score)"
        var out = [head]
        out.append("   why: " + p.reasons.joined(separator: "; "))
        let signed = [
            p.signedBy.map { "signed by \($0)" }, p.decidedAt.map { "on \(LocalDate($0))" },
            p.decisionDay.map { "on day \($0) after diagnosis" },
        ].compactMap { $0 }.joined(separator: " ")
        out.append("   decision" + (p.decisionId.map { " \($0)" } ?? "") + (signed.isEmpty ? "" : ", \(signed)") + ":")
        for rec in p.recommendations.sorted(by: { $0.priority < $1.priority }) {
            out.append("     \(rec.priority). " + recommendationLabel(rec))
        }
        if p.outcomes.isEmpty {
            out.append("   outcomes: none recorded")
        } else {
            out.append("   outcomes (days after the \(p.daysFrom)):")
            out += p.outcomes.map { "     " + $0.summary }
        }
        return out
    }

    /// "targeted therapy: Pemigatinib [OncoKB 1]", "clinical trial NCT05…: …".
    public static func recommendationLabel(_ rec: Recommendation) -> String {
        var text = rec.kind.label
        if let trial = rec.trialId { text += " \(trial)" }
        if let therapy = rec.therapy ?? (rec.drugs.isEmpty ? nil : rec.drugs.joined(separator: " + ")) {
            text += ": \(therapy)"
        }
        if let level = rec.evidence { text += " [\(level)]" }
        return text
    }

    /// "no prior line", "1 prior line", "3 prior lines".
    public static func priorLinesLabel(_ n: Int) -> String {
        n == 0 ? "no prior line" : "\(n) prior line\(n == 1 ? "" : "s")"
    }
}
