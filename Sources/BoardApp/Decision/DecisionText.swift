import BoardModel
import BoardStore
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

    /// One line per decision of the case, oldest first: "D-0001 · meeting of Thu 19 Nov 2026 · final · 1. clinical
    /// trial: … · signed by Inés Calderón (login icalderon), requested by avries" (the Decision and History tabs).
    static func presentations(
        _ r: CaseRecord, except id: String?, format: (Date) -> String, mask: (String) -> String
    ) -> [String] {
        var dates: [String: Date] = [:]
        for m in r.meetings where dates[m.id] == nil { dates[m.id] = m.startsAt }
        return r.decisions.filter { $0.id != id }.map { d in
            var parts = [d.id]
            if let m = d.meetingId {
                parts.append(dates[m].map { "meeting of " + format($0) } ?? "meeting \(m)")
            } else {
                parts.append("no meeting")
            }
            parts.append(d.status.rawValue + (d.amends.map { ", amends \($0)" } ?? ""))
            let recs = d.recommendations.sorted { $0.priority < $1.priority }.map { rec in
                "\(rec.priority). \(rec.kind.label)" + (rec.therapy.map { ": \(mask($0))" } ?? "")
            }
            if !recs.isEmpty { parts.append(recs.joined(separator: "; ")) }
            if let signer = d.signedBy {
                var who = "signed by \(signer)" + (d.signedByLogin.map { " (login \($0))" } ?? "")
                if let asked = d.signoffRequestedBy { who += ", requested by \(asked)" }
                parts.append(who)
            }
            return parts.joined(separator: " · ")
        }
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
