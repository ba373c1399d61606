import BoardModel
import Foundation

/// Trials and their computed matches.
/// One area of the store API (see BoardStoring): the SQLite `BoardStore` conforms (BoardStore+Conformances), and
/// the PostgreSQL store conforms area by area as each is built (docs/postgresql.md lists which).
public protocol TrialStore: Sendable {
    func trial(id: String) throws -> Trial?
    func trials() throws -> [Trial]
    func saveMatches(caseId: String, _ matches: [TrialMatch]) throws
    func saveMatches(_ matchesByCase: [(caseId: String, matches: [TrialMatch])]) throws
    func casesForMatching() throws -> [Case]
    func staleMatches(on day: LocalDate) throws -> [StaleMatch]
}
