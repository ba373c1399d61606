import BoardModel
import Foundation
import TUIKit

/// A decision as readable lines: the sign-off confirmation and the conflict view show all of them; the Decision tab
/// shares the recommendation block.
enum DecisionText {
    /// `mask` hides the patient's identifiers in free text (privacy mode); identity by default.
    static func lines(
        _ d: Decision, findings: [Finding], format: (Date) -> String,
        mask: (String) -> String = { $0 }
    ) -> [(text: String, kind: Kind)] {
        var out = recommendationLines(d, findings: findings, mask: mask)
        if d.recommendations.isEmpty { out.append(("No recommendation yet.", .dim)) }
        if let consensus = d.consensus { out.append(("Consensus: \(consensus.rawValue)", .plain)) }
        for dissent in d.dissent { out.append(("Dissent: \(dissent.name) — \(mask(dissent.reason))", .warning)) }
        if !d.attendeesPresent.isEmpty {
            out.append(("Present (\(d.attendeesPresent.count)): \(d.attendeesPresent.joined(separator: ", "))", .plain))
        }
        if let f = d.followUp {
            let when = f.date?.description ?? f.intervalWeeks.map { "in \($0) weeks" } ?? "—"
            out.append(("Follow-up: \(when)" + (f.represent.map { " — re-present \(mask($0))" } ?? ""), .plain))
        }
        if let signer = d.signedBy, let at = d.signedAt {
            out.append(("Signed by \(signer) on \(format(at))", .success))
        }
        return out
    }

    /// The recommendations, first choice first: what the Decision tab, the sign-off summary and the conflict view share.
    /// Evidence in the case against a recommended drug is spelt out under the recommendation ("Caution:
    /// resistance to Osimertinib, CIViC B (MET amplification)").
    static func recommendationLines(_ d: Decision, findings: [Finding], mask: (String) -> String = { $0 }) -> [(
        text: String, kind: Kind
    )] {
        var out: [(String, Kind)] = []
        for rec in d.recommendations.sorted(by: { $0.priority < $1.priority }) {
            var head = "\(rec.priority). \(rec.kind.label)"
            if let therapy = rec.therapy { head += ": \(mask(therapy))" }
            if let trial = rec.trialId { head += " — trial \(trial)" }
            out.append((head, .heading))
            if let level = rec.evidence {
                out.append(("   Evidence \(level)" + (level.meaning.map { ": \($0)" } ?? ""), .evidence(level.tier)))
            }
            let basis = rec.findingIds.compactMap { id in findings.first { $0.id == id }?.label }
            if !basis.isEmpty { out.append(("   Based on: \(basis.joined(separator: ", "))", .plain)) }
            if !rec.rationale.isEmpty { out.append(("   Rationale: \(mask(rec.rationale))", .plain)) }
            for against in rec.evidenceAgainst(in: findings) {
                out.append(("   Caution: \(against.entry.phrase) (\(against.finding.label))", .warning))
            }
        }
        return out
    }

    enum Kind {
        case heading, plain, dim, warning, success
        case evidence(Int)

        var role: StyleRole {
            switch self {
            case .heading: .title
            case .plain: .normal
            case .dim: .dim
            case .warning: .warning
            case .success: .success
            case .evidence(let tier): EvidenceRole.role(tier: tier)
            }
        }
    }
}
