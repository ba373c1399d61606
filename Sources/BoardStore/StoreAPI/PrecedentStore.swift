import BoardModel
import Foundation

/// Earlier decided cases like this one, here and from partner sites' cohorts.
/// One area of the store API (see BoardStoring): the SQLite `BoardStore` conforms (BoardStore+Conformances), and
/// the PostgreSQL store conforms area by area as each is built (docs/postgresql.md lists which).
public protocol PrecedentStore: Sendable {
    func precedents(for caseId: String, limit: Int, tree: OncoTree) throws -> PrecedentList
    func decidedCases(diagnoses: [String], genes: [String], tree: OncoTree) throws -> [DecidedCase]
    @discardableResult func importCohort(_ file: CohortFile, now: Date) throws -> (added: Int, replaced: Int)
    func externalPrecedentCounts() throws -> [String: Int]
}
