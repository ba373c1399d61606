import BoardModel
import Foundation

/// What the board decided for a synthetic case and what followed (`tumorboard generate --history`), so the
/// precedent benchmark has signed decisions and outcomes to rank and read: discussed and closed cases get a
/// signed decision for their driver and, most of them, a treatment with responses, progression and a stop.
extension SyntheticBoard {
    static let drugForGene: [String: String] = [
        "EGFR": "osimertinib", "KRAS": "sotorasib", "BRAF": "dabrafenib", "PIK3CA": "alpelisib", "ESR1": "fulvestrant",
        "NRAS": "binimetinib", "IDH1": "ivosidenib", "KIT": "imatinib", "TP53": "doxorubicin", "MEN1": "everolimus",
        "BRCA2": "olaparib", "BRCA1": "olaparib",
    ]

    /// The signed decision and outcomes of case `index` (as `makeCase` made it), or nil when it was not decided.
    public func makeHistory(_ record: Case, index: Int) -> (decision: Decision, outcomes: [CaseOutcome])? {
        guard record.status == .discussed || record.status == .closed, let driver = record.findings.first,
            let gene = driver.gene
        else { return nil }
        var rng = SplitMix64(seed: seed ^ (0x5EED_0000 &+ UInt64(index)))
        let signed = Date(timeIntervalSince1970: 1_700_000_000 + Double(rng.next() % (700 * 86_400)))
        let drug = Self.drugForGene[gene] ?? "carboplatin"
        let decision = Decision(
            id: "D-\(record.id)", caseId: record.id, status: .final,
            recommendations: [
                Recommendation(
                    kind: .targetedTherapy, therapy: drug.capitalized, drugs: [drug], findingIds: [driver.id],
                    evidence: driver.evidence.first?.level, rationale: "\(gene) driver")
            ], consensus: .unanimous, signedBy: "Dr. Synthetic", signedAt: signed, recordedBy: "Dr. Synthetic",
            recordedAt: signed)
        guard rng.next() % 5 != 0 else { return (decision, []) }
        let start = LocalDate(signed).adding(days: 7 + Int(rng.next() % 21))
        func outcome(_ n: Int, _ kind: OutcomeKind, day: Int) -> CaseOutcome {
            CaseOutcome(
                id: "O-\(record.id)-\(n)", caseId: record.id, kind: kind, date: start.adding(days: day),
                decisionId: decision.id, recordedBy: "Dr. Synthetic", recordedAt: signed)
        }
        var started = outcome(1, .treatmentStarted, day: 0)
        started.regimen = drug.capitalized
        started.drugs = [drug]
        started.followedRecommendation = .yes
        var events = [started]
        let responses = ["PR", "SD", "SD", "PD", "CR"]
        var day = 0
        for n in 0..<(1 + Int(rng.next() % 4)) {
            day += 56 + Int(rng.next() % 35)
            var assessment = outcome(2 + n, .response, day: day)
            // The criteria the diagnosis calls for (RANO for glioblastoma), their own category names.
            let criteria = ResponseCriteria.allowed(forOncoTreeCode: record.diagnosis.oncotreeCode)?.first ?? .recist
            assessment.criteria = criteria
            let category = responses[Int(rng.next() % UInt64(responses.count))]
            assessment.response = criteria.category(category) ?? criteria.categories.first { $0.hasSuffix(category) }
            assessment.treatmentId = started.id
            events.append(assessment)
            if assessment.response == "PD" { break }
        }
        if rng.next() % 3 != 0 {
            var stop = outcome(9, .treatmentStopped, day: day + 7)
            stop.stopReason = events.last?.response == "PD" ? .progression : .toxicity
            stop.treatmentId = started.id
            events.append(stop)
        }
        return (decision, events)
    }
}
