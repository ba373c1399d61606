import Foundation

/// A case the board decided, with its signed decision and what happened after: what a cohort export writes.
public struct DecidedCase: Sendable, Hashable {
    public var record: Case
    public var decision: Decision
    public var outcomes: [CaseOutcome]
    /// The exporting store's keyed pseudonym for the case (never derivable from the case's ids without the store).
    public var pseudonym: String

    public init(record: Case, decision: Decision, outcomes: [CaseOutcome], pseudonym: String) {
        self.record = record
        self.decision = decision
        self.outcomes = outcomes
        self.pseudonym = pseudonym
    }
}
