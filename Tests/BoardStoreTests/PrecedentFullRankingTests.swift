import BoardFormats
import BoardModel
import Foundation
import GRDB
import Testing

@testable import BoardStore

/// The store's ranking (candidates from the tissue and gene indexes, scored once per distinct value, the best kept
/// by a bounded selection) against the plain rule: every decided case of a generated board compared with
/// `Similarity.of` and the whole list sorted. Both must give the same precedents, in the same order, with the same
/// count, for every case.
@Suite("Precedents: index ranking equals the full ranking")
struct PrecedentFullRankingTests {
    /// A synthetic board with history: 400 cases, about 40 % of them decided, over the generator's diagnoses and
    /// genes (several tissues, shared genes across tissues).
    static func board() throws -> (store: BoardStore, cases: [Case]) {
        let generator = SyntheticBoard(seed: 7, findingsPerCase: 6)
        let cases = (0..<400).map(generator.makeCase)
        let decided = cases.enumerated().compactMap { generator.makeHistory($0.element, index: $0.offset) }
        let store = try BoardStore.inMemory(user: "tester")
        try store.importBundle(
            BoardBundle(cases: cases, decisions: decided.map(\.decision), outcomes: decided.flatMap(\.outcomes)))
        return (store, cases)
    }

    /// The plain rule: each decided case's profile from its record, scored against the target, sorted by score,
    /// then the later decision, then the case id; the target and its patient's cases left out.
    static func fullRanking(of target: Case, among cases: [Case], decidedAt: [String: Double]) -> [(String, Int)] {
        let ours = PrecedentProfile(target)
        return cases.filter { decidedAt[$0.id] != nil && $0.id != target.id && $0.patient.id != target.patient.id }
            .map { ($0.id, Similarity.of(PrecedentProfile($0), to: ours), decidedAt[$0.id] ?? 0) }
            .filter { $0.1.isPrecedent }
            .sorted { a, b in
                if a.1.score != b.1.score { return a.1.score > b.1.score }
                if a.2 != b.2 { return a.2 > b.2 }
                return a.0 < b.0
            }
            .map { ($0.0, $0.1.score) }
    }

    @Test func sameListAsTheFullRankingForEveryCase() throws {
        let (store, cases) = try Self.board()
        let decidedAt = try store.db.read { db in
            Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT case_id, decided_at FROM precedent").map {
                    ($0["case_id"] as String, $0["decided_at"] as Double? ?? 0)
                })
        }
        #expect(decidedAt.count > 100)
        var checked = 0
        for target in cases {
            let full = Self.fullRanking(of: target, among: cases, decidedAt: decidedAt)
            for limit in [1, 10, 1000] {
                let list = try store.precedents(for: target.id, limit: limit)
                #expect(list.compared == full.count, "\(target.id)")
                let got = list.precedents.map { ($0.caseId, $0.similarity.score) }
                let want = Array(full.prefix(limit))
                #expect(got.map(\.0) == want.map(\.0), "\(target.id) limit \(limit)")
                #expect(got.map(\.1) == want.map(\.1), "\(target.id) limit \(limit)")
            }
            checked += full.isEmpty ? 0 : 1
        }
        #expect(checked > 300)
    }
}
