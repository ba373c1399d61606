import Foundation
import BoardModel
import TUIKit

/// A decision as readable lines: the sign-off confirmation and the conflict view show all of them; the Decision tab
/// shares the recommendation block.
enum DecisionText {
    static func lines(_ d: Decision, findings: [Finding], format: (Date) -> String) -> [(text: String, kind: Kind)] {
        var out = recommendationLines(d, findings: findings)
        if d.recommendations.isEmpty { out.append(("No recommendation yet.", .dim)) }
        if let consensus = d.consensus { out.append(("Consensus: \(consensus.rawValue)", .plain)) }
        for dissent in d.dissent { out.append(("Dissent: \(dissent.name) — \(dissent.reason)", .warning)) }
        if !d.attendeesPresent.isEmpty { out.append(("Present (\(d.attendeesPresent.count)): \(d.attendeesPresent.joined(separator: ", "))", .plain)) }
        if let f = d.followUp {
            let when = f.date?.description ?? f.intervalWeeks.map { "in \($0) weeks" } ?? "—"
            out.append(("Follow-up: \(when)" + (f.represent.map { " — re-present \($0)" } ?? ""), .plain))
        }
        if let signer = d.signedBy, let at = d.signedAt { out.append(("Signed by \(signer) on \(format(at))", .success)) }
        return out
    }

    /// The recommendations, first choice first: what the Decision tab, the sign-off summary and the conflict view share.
    static func recommendationLines(_ d: Decision, findings: [Finding]) -> [(text: String, kind: Kind)] {
        var out: [(String, Kind)] = []
        for rec in d.recommendations.sorted(by: { $0.priority < $1.priority }) {
            var head = "\(rec.priority). \(rec.kind.label)"
            if let therapy = rec.therapy { head += ": \(therapy)" }
            if let trial = rec.trialId { head += " — trial \(trial)" }
            out.append((head, .heading))
            if let level = rec.evidence {
                out.append(("   Evidence \(level)" + (level.meaning.map { ": \($0)" } ?? ""), .evidence(level.tier)))
            }
            let basis = rec.findingIds.compactMap { id in findings.first { $0.id == id }?.label }
            if !basis.isEmpty { out.append(("   Based on: \(basis.joined(separator: ", "))", .plain)) }
            if !rec.rationale.isEmpty { out.append(("   Rationale: \(rec.rationale)", .plain)) }
        }
        return out
    }

    enum Kind {
        case heading, plain, dim, warning, success, evidence(Int)

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
