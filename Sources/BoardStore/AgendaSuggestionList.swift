import BoardModel
import Foundation

/// The cases to offer when preparing a meeting, collected in the order the rules give them (BoardStore
/// .agendaSuggestions): each case once, none already on an open agenda, no closed case. The same on every backend;
/// each backend reads the rows with its own SQL and adds them here in order.
struct AgendaSuggestionList {
    private var seen: Set<String>
    private let headline: (String) throws -> CaseHeadline?
    private(set) var suggestions: [AgendaSuggestion] = []

    /// `busy`: cases already on an open agenda; `headline` reads a case's headline (nil when it is gone).
    init(busy: [String], headline: @escaping (String) throws -> CaseHeadline?) {
        self.seen = Set(busy)
        self.headline = headline
    }

    mutating func add(_ caseId: String, _ reason: AgendaSuggestion.Reason) throws {
        guard !seen.contains(caseId), let headline = try headline(caseId), headline.status != .closed else { return }
        seen.insert(caseId)
        suggestions.append(AgendaSuggestion(headline: headline, reason: reason))
    }

    /// A case deferred or marked to re-present at the board's previous closed meeting.
    mutating func add(lastMeeting: String, caseId: String, outcome: String, reason: String?) throws {
        try add(
            caseId,
            outcome == AgendaOutcome.deferred.rawValue
                ? .deferred(meetingId: lastMeeting, reason: reason) : .represent(meetingId: lastMeeting))
    }

    /// Follow-ups due by the meeting's `day`, earliest first: for each case the decision in force (the last signed
    /// one no amendment supersedes), its follow-up date, else the deciding meeting's day plus the interval in weeks.
    /// `decisions` are the signed decisions oldest first, each with its meeting's start.
    mutating func addFollowUps(_ decisions: [(Decision, Date?)], day: LocalDate, meetingId: String) throws {
        var current: [String: (Decision, Date?)] = [:]
        var amended = Set<String>()
        for (decision, decidedAt) in decisions {
            if let amends = decision.amends { amended.insert(amends) }
            current[decision.caseId] = (decision, decidedAt)
        }
        var due: [(LocalDate, String, String)] = []
        for (caseId, (decision, decidedAt)) in current where !amended.contains(decision.id) {
            guard let followUp = decision.followUp else { continue }
            var date = followUp.date
            if date == nil, let weeks = followUp.intervalWeeks {
                let base = decidedAt ?? decision.signedAt ?? decision.recordedAt
                date = LocalDate(base.addingTimeInterval(Double(weeks) * 7 * 86400))
            }
            if let date, date <= day, decision.meetingId != meetingId {
                due.append((date, caseId, decision.id))
            }
        }
        for (date, caseId, decisionId) in due.sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) {
            try add(caseId, .followUpDue(date: date, decisionId: decisionId))
        }
    }

    /// A treatment recommended with no outcome recorded for the board's set time (the follow-up queue's rule).
    mutating func addNoOutcome(_ items: [FollowUpItem]) throws {
        for item in items {
            for case .noOutcome(let decidedOn, let days) in item.reasons {
                try add(item.caseId, .noOutcome(decidedOn: decidedOn, days: days, decisionId: item.decisionId))
            }
        }
    }
}
