import Foundation

extension CaseOutcome {
    /// The event in one line without its date: "treatment started: pemigatinib (as recommended)",
    /// "response: RECIST 1.1 PR", "toxicity (CTCAE ≥ 3): grade 3 Pneumonitis". Never holds patient identifiers.
    public var summary: String {
        var parts: [String] = []
        switch kind {
        case .treatmentStarted:
            let combination = drugs.isEmpty ? nil : drugs.joined(separator: " + ")
            // A regimen named by its one drug is said once.
            let same = regimen?.caseInsensitiveCompare(combination ?? "") == .orderedSame
            parts.append([regimen, same ? nil : combination].compactMap { $0 }.joined(separator: ": "))
            if let followed = followedRecommendation { parts.append(followed.phrase) }
            if let trialId { parts.append("trial \(trialId)") }
        case .response:
            parts.append([criteria?.rawValue, response].compactMap { $0 }.joined(separator: " "))
        case .treatmentStopped:
            if let stopReason { parts.append(stopReason.label) }
        case .toxicity:
            parts.append([grade.map { "grade \($0)" }, term].compactMap { $0 }.joined(separator: " "))
        case .treatmentNotStarted, .progression, .death, .lostToFollowUp:
            break
        }
        if let reason, !reason.isEmpty { parts.append(reason) }
        let detail = parts.filter { !$0.isEmpty }.joined(separator: "; ")
        return detail.isEmpty ? kind.label : "\(kind.label): \(detail)"
    }
}
