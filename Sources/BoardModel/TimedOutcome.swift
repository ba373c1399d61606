import Foundation

/// An outcome on a day axis instead of the calendar: days after an origin (the diagnosis, else the decision).
/// This is how outcomes leave the institution (no calendar date can identify anyone) and how the swimmer plot
/// and the precedent summary read them, for the board's own cases and partner boards' alike. The event is the
/// same type a case's outcome holds; in a cohort file it is one flat object, `day` beside the event's fields.
@dynamicMemberLookup
public struct TimedOutcome: Codable, Sendable, Hashable {
    /// Days after the origin (negative before it).
    public var day: Int
    public var event: OutcomeEvent

    public init(day: Int, event: OutcomeEvent) {
        self.day = day
        self.event = event
    }

    public init(
        day: Int, kind: OutcomeKind, regimen: String? = nil, drugs: [String] = [],
        followedRecommendation: Adherence? = nil, trialId: String? = nil, criteria: ResponseCriteria? = nil,
        response: String? = nil, stopReason: StopReason? = nil, grade: Int? = nil, term: String? = nil
    ) {
        self.init(
            day: day,
            event: OutcomeEvent(
                kind: kind, regimen: regimen, drugs: drugs, followedRecommendation: followedRecommendation,
                trialId: trialId, criteria: criteria, response: response, stopReason: stopReason, grade: grade,
                term: term))
    }

    /// The outcome `days` after `origin`. Free-text reasons are left behind: they may name people or places.
    public init(_ outcome: CaseOutcome, origin: LocalDate) {
        self.init(day: origin.days(until: outcome.date), event: outcome.event)
    }

    /// The event's fields read as the timed outcome's own.
    public subscript<T>(dynamicMember field: KeyPath<OutcomeEvent, T>) -> T { event[keyPath: field] }

    enum CodingKeys: String, CodingKey { case day }

    public init(from decoder: Decoder) throws {
        day = try decoder.container(keyedBy: CodingKeys.self).decode(Int.self, forKey: .day)
        event = try OutcomeEvent(from: decoder)
    }

    /// `day` and the event's fields in one object, `drugs` always present: the cohort file's version 1 layout.
    public func encode(to encoder: Encoder) throws {
        try event.encode(to: encoder, emptyDrugs: true)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(day, forKey: .day)
    }

    /// "day 42: response: RECIST 1.1 PR".
    public var summary: String { "day \(day): " + event.summary }
}
