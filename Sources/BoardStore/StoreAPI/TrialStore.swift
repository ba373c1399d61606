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
    /// The ids of the cases whose facts the narrowing admits (`CaseFacts`), in id order: the cases a new trial can
    /// match. The SQLite store reads them from its indexes; the default reads every case.
    func caseIdsForMatching(narrowedBy narrowing: any CaseNarrowing) throws -> [String]
    func staleMatches(on day: LocalDate) throws -> [StaleMatch]
}

extension TrialStore {
    /// Reads every case whole and asks the narrowing about each (a store without indexes for the facts).
    public func caseIdsForMatching(narrowedBy narrowing: any CaseNarrowing) throws -> [String] {
        try casesForMatching().filter {
            narrowing.admits(CaseFacts(of: $0, genesOfInterest: narrowing.genesOfInterest))
        }
        .map(\.id).sorted()
    }
}
