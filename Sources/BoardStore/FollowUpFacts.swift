import BoardModel
import Foundation

/// What the follow-up queue needs to know of one case's latest signed decision, as either backend reads it in one
/// query; `item` applies the queue's rules (the same on SQLite and PostgreSQL).
struct FollowUpFacts {
    var caseId: String
    var decisionId: String
    var diagnosis: String
    /// The decision's follow-up date as written ("2026-12-10"), if it names one.
    var followDate: String?
    /// Or the interval in weeks from the deciding meeting (or the signature).
    var intervalWeeks: Int?
    var represent: String?
    /// When it was signed, in milliseconds since 1970 (the decision body's own unit).
    var signedMs: Double?
    /// The start of the meeting that decided, in seconds since 1970.
    var meetingStart: Double?
    /// Whether a recommendation is a treatment (`BoardStore.treatmentKinds`).
    var treats: Bool
    /// The latest standing outcome's date as written.
    var lastOutcome: String?
    /// A standing death or loss to follow-up.
    var ended: Bool
    /// The start of the latest meeting the case was on the agenda of, in seconds since 1970.
    var lastMeeting: Double?

    /// The case's item when a reason has come by `limit`, due from its earliest reason, every reason come listed.
    /// A follow-up date is settled by a meeting after the signature; a missing outcome by an outcome dated on or
    /// after the decision; a death or loss to follow-up settles both.
    func item(rules: FollowUpRules, today: LocalDate, dueBy limit: LocalDate) -> FollowUpItem? {
        if ended { return nil }
        let signedAt = signedMs.map { Date(timeIntervalSince1970: $0 / 1000) }
        var reasons: [(reason: FollowUpReason, due: LocalDate)] = []
        var date = followDate.flatMap(LocalDate.init)
        if date == nil, let weeks = intervalWeeks {
            let base = meetingStart.map(Date.init(timeIntervalSince1970:)) ?? signedAt
            date = base.map { LocalDate($0).adding(days: weeks * 7) }
        }
        if let date {
            let presentedSince =
                lastMeeting.map { start in signedAt.map { start > $0.timeIntervalSince1970 } ?? false } ?? false
            if !presentedSince { reasons.append((.followUpDate(date, represent: represent), date)) }
        }
        if treats, let signedAt {
            let decided = LocalDate(signedAt)
            let last = lastOutcome.flatMap(LocalDate.init)
            if last.map({ $0 < decided }) ?? true {
                reasons.append(
                    (
                        .noOutcome(decidedOn: decided, days: rules.noOutcomeDays),
                        decided.adding(days: rules.noOutcomeDays)
                    )
                )
            }
        }
        let come = reasons.filter { $0.due <= limit }.sorted { $0.due < $1.due }
        guard let first = come.first else { return nil }
        let late = first.due.days(until: today)
        return FollowUpItem(
            caseId: caseId, decisionId: decisionId, diagnosis: diagnosis, reasons: come.map(\.reason),
            dueOn: first.due, status: late < 0 ? .upcoming : late > rules.overdueAfterDays ? .overdue : .due)
    }
}
