import Foundation

/// An outcome on a day axis instead of the calendar: days after an origin (the diagnosis, else the decision).
/// This is how outcomes leave the institution (no calendar date can identify anyone) and how the swimmer plot
/// and the precedent summary read them, for the board's own cases and partner boards' alike.
public struct TimedOutcome: Codable, Sendable, Hashable {
    /// Days after the origin (negative before it).
    public var day: Int
    public var kind: OutcomeKind
    public var regimen: String?
    public var drugs: [String]
    public var followedRecommendation: Adherence?
    public var trialId: String?
    public var criteria: ResponseCriteria?
    public var response: String?
    public var stopReason: StopReason?
    public var grade: Int?
    public var term: String?

    public init(
        day: Int, kind: OutcomeKind, regimen: String? = nil, drugs: [String] = [],
        followedRecommendation: Adherence? = nil, trialId: String? = nil, criteria: ResponseCriteria? = nil,
        response: String? = nil, stopReason: StopReason? = nil, grade: Int? = nil, term: String? = nil
    ) {
        self.day = day
        self.kind = kind
        self.regimen = regimen
        self.drugs = drugs
        self.followedRecommendation = followedRecommendation
        self.trialId = trialId
        self.criteria = criteria
        self.response = response
        self.stopReason = stopReason
        self.grade = grade
        self.term = term
    }

    /// The outcome `days` after `origin`. Free-text reasons are left behind: they may name people or places.
    public init(_ outcome: CaseOutcome, origin: LocalDate) {
        self.init(
            day: origin.days(until: outcome.date), kind: outcome.kind, regimen: outcome.regimen, drugs: outcome.drugs,
            followedRecommendation: outcome.followedRecommendation, trialId: outcome.trialId,
            criteria: outcome.criteria, response: outcome.response, stopReason: outcome.stopReason,
            grade: outcome.grade, term: outcome.term)
    }

    /// "day 42: response: RECIST 1.1 PR".
    public var summary: String {
        var parts: [String] = []
        switch kind {
        case .treatmentStarted:
            parts.append(
                [regimen, drugs.isEmpty ? nil : drugs.joined(separator: " + ")].compactMap { $0 }.joined(
                    separator: ": "))
            if let followedRecommendation {
                parts.append("followed the recommendation: \(followedRecommendation.rawValue)")
            }
            if let trialId { parts.append("trial \(trialId)") }
        case .response: parts.append([criteria?.rawValue, response].compactMap { $0 }.joined(separator: " "))
        case .treatmentStopped: if let stopReason { parts.append(stopReason.label) }
        case .toxicity: parts.append([grade.map { "grade \($0)" }, term].compactMap { $0 }.joined(separator: " "))
        default: break
        }
        let detail = parts.filter { !$0.isEmpty }.joined(separator: "; ")
        return "day \(day): " + (detail.isEmpty ? kind.label : "\(kind.label): \(detail)")
    }
}
