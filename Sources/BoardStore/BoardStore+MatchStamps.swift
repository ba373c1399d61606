import BoardModel
import Foundation
import GRDB

/// Match stamps and re-matching a few trials page by page (schema v14, `MatchStamps`).
extension BoardStore {
    public func trialsVersion() throws -> Int {
        try run { try db.read { db in try MatchStamps.version(db) } }
    }

    public func saveMatches(_ matchesByCase: [(caseId: String, matches: [TrialMatch])], stamps: [MatchStamp]) throws {
        try run {
            try db.write { db in
                try saveMatches(db, matchesByCase)
                try MatchStamps.save(db, stamps)
            }
        }
    }

    public func currentMatchStamp(caseId: String) throws -> MatchStamp? {
        try run {
            try db.read { db in
                guard let stamp = try MatchStamps.stamp(db, caseId: caseId),
                    stamp.rulesVersion == MatchFingerprint.rulesVersion,
                    try !MatchStamps.unmatchedChange(db, after: stamp.trialsVersion)
                else { return nil }
                return stamp
            }
        }
    }

    public func rematch(
        trialIds: Set<String>, caseIds: [String], readsGene: @escaping @Sendable (String) -> Bool, on day: LocalDate,
        through version: Int, pageSize: Int, match: ([CaseForMatching]) throws -> [[TrialMatch]]
    ) throws {
        guard !trialIds.isEmpty else { return }
        let list = String(decoding: try JSONEncoder().encode(trialIds.sorted()), as: UTF8.self)
        try run {
            try db.write { db in
                try db.execute(
                    sql: "DELETE FROM trial_match WHERE trial_id IN (SELECT value FROM json_each(?))", arguments: [list]
                )
                let genes = String(
                    decoding: try JSONEncoder().encode(try CaseFactsIndex.geneSpellings(db).filter(readsGene)),
                    as: UTF8.self)
                var start = 0
                while start < caseIds.count {
                    let page = try caseIds[start..<min(start + max(1, pageSize), caseIds.count)].compactMap {
                        try MatchStamps.caseForMatching(db, id: $0, genes: genes, on: day)
                    }
                    for (input, matches) in zip(page, try match(page)) {
                        try Self.insert(db, matches, caseId: input.record.id, trialIds: trialIds)
                    }
                    start += max(1, pageSize)
                }
                try MatchStamps.matched(db, trialIds: trialIds, through: version)
            }
        }
    }
}
