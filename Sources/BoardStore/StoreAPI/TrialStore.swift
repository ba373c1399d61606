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
    /// Replaces every stored match of these trials (an import's new or changed trials) with the given ones.
    func saveMatches(trialIds: Set<String>, _ matchesByCase: [(caseId: String, matches: [TrialMatch])]) throws
    func casesForMatching() throws -> [Case]
    /// These cases with their findings, in the order given (unknown ids are left out).
    func casesForMatching(ids: [String]) throws -> [Case]
    func staleMatches(on day: LocalDate) throws -> [StaleMatch]
}
