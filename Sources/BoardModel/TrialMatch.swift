import Foundation

/// How one case fares against one trial (and arm), criterion by criterion.
public struct TrialMatch: Codable, Sendable, Hashable {
    public var caseId: String
    public var trialId: String
    public var armId: String?
    public var outcomes: [CriterionOutcome]
    public var status: MatchStatus
    /// Higher ranks first: a genomic match on an actionable alteration above a diagnosis-only match.
    public var score: Double
    public var computedAt: Date
    /// Fingerprint of the case data the match was computed on; a mismatch means the match is stale.
    public var dataFingerprint: String
    /// Why the matched arm (or the trial, when it has no arms) takes no patients now, in the source's words ("not
    /// recruiting", "suspended", "completed", "closed to accrual"); nil when it is open or its status is unknown.
    /// Every arm is evaluated, so a case may fit an arm it cannot enter: every place showing the match says so.
    public var notOpen: String?

    public init(
        caseId: String, trialId: String, armId: String? = nil, outcomes: [CriterionOutcome], status: MatchStatus,
        score: Double, computedAt: Date, dataFingerprint: String, notOpen: String? = nil
    ) {
        self.notOpen = notOpen
        self.caseId = caseId
        self.trialId = trialId
        self.armId = armId
        self.outcomes = outcomes
        self.status = status
        self.score = score
        self.computedAt = computedAt
        self.dataFingerprint = dataFingerprint
    }

    /// Data that would settle the unknown criteria.
    public var missingData: [String] {
        outcomes.filter { $0.outcome == .unknown }.compactMap(\.missing)
    }
}

/// The verdict on one criterion and the data that decided it.
public struct CriterionOutcome: Codable, Sendable, Hashable {
    public var criterion: String
    public var outcome: Outcome
    public var detail: String
    /// Taken from the registry's free text rather than structured fields: weigh accordingly.
    public var fromText: Bool
    /// What data would settle it, when unknown.
    public var missing: String?

    public init(criterion: String, outcome: Outcome, detail: String, fromText: Bool = false, missing: String? = nil) {
        self.criterion = criterion
        self.outcome = outcome
        self.detail = detail
        self.fromText = fromText
        self.missing = missing
    }
}

public enum Outcome: String, Codable, Sendable, CaseIterable {
    case met
    case notMet = "not-met"
    case unknown

    /// ✓, ✗ or ?
    public var mark: String {
        switch self {
        case .met: "✓"
        case .notMet: "✗"
        case .unknown: "?"
        }
    }
}

public enum MatchStatus: String, Codable, Sendable, CaseIterable {
    case eligible
    case possiblyEligible = "possibly-eligible"
    case notEligible = "not-eligible"

    public var label: String {
        switch self {
        case .eligible: "eligible"
        case .possiblyEligible: "possibly eligible"
        case .notEligible: "not eligible"
        }
    }
}
