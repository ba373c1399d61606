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
    /// The store's trials version: it grows with every change to a trial; 0 for a store that keeps none.
    func trialsVersion() throws -> Int
    /// `saveMatches(_:)`, and in the same transaction each stamped case recorded as matched whole (`MatchStamp`).
    func saveMatches(_ matchesByCase: [(caseId: String, matches: [TrialMatch])], stamps: [MatchStamp]) throws
    /// The case's stamp when current: made by the matching rules in force, against the trials as they are (no trial
    /// changed since, but those whose matches were then brought up to date for every case); nil otherwise.
    func currentMatchStamp(caseId: String) throws -> MatchStamp?
    /// Replaces every stored match of `trialIds` (an import's new or changed trials) with those `match` computes for
    /// `caseIds`, handed to it `pageSize` cases at a time as those trials read them (`CaseForMatching`: only the
    /// findings of genes `readsGene` accepts, biomarkers, fusions, when the case's stamp gives its fingerprint), all in
    /// one transaction. Then the trials' changes up to `version` (`trialsVersion()` read before reading the trials)
    /// count as matched for every case, so the stamps of cases not read stay current.
    func rematch(
        trialIds: Set<String>, caseIds: [String], readsGene: @escaping @Sendable (String) -> Bool, on day: LocalDate,
        through version: Int, pageSize: Int, match: ([CaseForMatching]) throws -> [[TrialMatch]]
    ) throws
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

extension TrialStore {
    /// A store that keeps no trials version.
    public func trialsVersion() throws -> Int { 0 }

    /// A store that keeps no stamps saves the matches alone.
    public func saveMatches(_ matchesByCase: [(caseId: String, matches: [TrialMatch])], stamps: [MatchStamp]) throws {
        try saveMatches(matchesByCase)
    }

    public func currentMatchStamp(caseId: String) throws -> MatchStamp? { nil }

    /// Reads each page of cases whole, and saves all the matches at the end (a store without stamps).
    public func rematch(
        trialIds: Set<String>, caseIds: [String], readsGene: @escaping @Sendable (String) -> Bool, on day: LocalDate,
        through version: Int, pageSize: Int, match: ([CaseForMatching]) throws -> [[TrialMatch]]
    ) throws {
        var results: [(caseId: String, matches: [TrialMatch])] = []
        var start = 0
        while start < caseIds.count {
            let page = try casesForMatching(ids: Array(caseIds[start..<min(start + pageSize, caseIds.count)]))
            let matches = try match(page.map { CaseForMatching(record: $0, fingerprint: nil) })
            for (record, list) in zip(page, matches) { results.append((record.id, list)) }
            start += pageSize
        }
        try saveMatches(trialIds: trialIds, results)
    }
}
