import BoardModel
import Foundation

/// Outcomes after a decision and the follow-up queue they feed.
/// One area of the store API (see BoardStoring): the SQLite `BoardStore` conforms (BoardStore+Conformances), and
/// the PostgreSQL store conforms area by area as each is built (docs/postgresql.md lists which).
public protocol OutcomeStore: Sendable {
    func outcomes(caseId: String) throws -> [CaseOutcome]
    func outcomes(caseIds: [String]) throws -> [String: [CaseOutcome]]
    func outcome(id: String) throws -> CaseOutcome?
    @discardableResult func addOutcome(_ outcome: CaseOutcome, today: LocalDate, now: Date) throws -> CaseOutcome
    @discardableResult func addOutcomes(_ outcomes: [CaseOutcome], today: LocalDate, now: Date) throws -> (
        added: [CaseOutcome], duplicates: [CaseOutcome]
    )
    @discardableResult func correctOutcome(_ outcome: CaseOutcome, today: LocalDate, now: Date) throws -> CaseOutcome
    @discardableResult func retractOutcome(id: String, version: Int, reason: String, now: Date) throws -> CaseOutcome
    func followUpQueue(today: LocalDate, dueBy: LocalDate?) throws -> [FollowUpItem]
    func followUpRules() throws -> FollowUpRules
    func setFollowUpRules(_ rules: FollowUpRules, now: Date) throws
    @discardableResult func scheduleFollowUp(_ item: FollowUpItem, now: Date) throws -> MeetingSummary
}
