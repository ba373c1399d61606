import BoardModel
import Foundation

/// Trials and their computed matches on PostgreSQL. Matches are derived data (recomputed from cases and trials), so
/// as on SQLite they are not audited; a case's matches are replaced in one transaction, sent with COPY.
extension PostgresBoardStore: TrialStore {
    public func trial(id: String) throws -> Trial? {
        try run {
            try connection.query("SELECT body FROM trial WHERE id = $1", [id]).first.map {
                try Codec.decode(Trial.self, from: $0.text("body"))
            }
        }
    }

    public func trials() throws -> [Trial] {
        try run {
            try connection.query("SELECT body FROM trial ORDER BY id COLLATE \"C\"").map {
                try Codec.decode(Trial.self, from: $0.text("body"))
            }
        }
    }

    public func saveMatches(caseId: String, _ matches: [TrialMatch]) throws {
        try saveMatches([(caseId, matches)])
    }

    public func saveMatches(_ matchesByCase: [(caseId: String, matches: [TrialMatch])]) throws {
        try saveMatches(matchesByCase) { caseIds in
            try connection.query("DELETE FROM trial_match WHERE case_id = ANY($1::text[])", [Self.array(caseIds)])
        }
    }

    public func saveMatches(trialIds: Set<String>, _ matchesByCase: [(caseId: String, matches: [TrialMatch])]) throws {
        guard !trialIds.isEmpty else { return }
        try saveMatches(matchesByCase.map { ($0.caseId, $0.matches.filter { trialIds.contains($0.trialId) }) }) { _ in
            try connection.query(
                "DELETE FROM trial_match WHERE trial_id = ANY($1::text[])", [Self.array(trialIds.sorted())])
        }
    }

    /// A text array literal for `$1::text[]` (each element quoted, quotes and backslashes escaped).
    static func array(_ values: [String]) -> String {
        "{"
            + values.map {
                "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                    + "\""
            }
            .joined(separator: ",") + "}"
    }

    /// Deletes what `replacing` says, then sends the given matches with COPY, in one transaction.
    private func saveMatches(
        _ matchesByCase: [(caseId: String, matches: [TrialMatch])], replacing: ([String]) throws -> Void
    ) throws {
        try run {
            try connection.transaction {
                try replacing(matchesByCase.map(\.caseId))
                var rows: [[String?]] = []
                for (caseId, matches) in matchesByCase {
                    // One row per case, trial and arm, the last given winning (as SQLite's upsert does).
                    var seen: [String: Int] = [:]
                    for m in matches where m.caseId == caseId {
                        let row: [String?] = [
                            caseId, m.trialId, m.armId ?? "", m.status.rawValue, String(m.score),
                            PGValue.time(m.computedAt), m.dataFingerprint, try Codec.encode(m),
                        ]
                        let key = [caseId, m.trialId, m.armId ?? ""].joined(separator: "\u{1F}")
                        if let at = seen[key] {
                            rows[at] = row
                        } else {
                            seen[key] = rows.count
                            rows.append(row)
                        }
                    }
                }
                try connection.copy(
                    "COPY trial_match(case_id, trial_id, arm_id, status, score, computed_at, data_fingerprint, body) FROM STDIN",
                    rows: rows)
            }
        }
    }

    /// These cases with the findings matching reads (their summaries), in the order given (unknown ids left out).
    public func casesForMatching(ids: [String]) throws -> [Case] {
        try run {
            try ids.compactMap { id in
                guard var record = try loadCase(id, findings: false) else { return nil }
                record.findings = try PostgresFindingList.matchingFindings(connection, caseId: id)
                return record
            }
        }
    }

    /// Every case with the findings matching reads (its summary, `matchingSummary()`), in id order, from one
    /// snapshot: what matching all cases reads.
    public func casesForMatching() throws -> [Case] {
        try run {
            try connection.snapshot {
                let records = try connection.query("SELECT body FROM \"case\" ORDER BY id COLLATE \"C\"").map {
                    try Codec.decode(Case.self, from: $0.text("body"))
                }
                var findings = try PostgresFindingList.matchingFindings(connection, caseIds: records.map(\.id))
                return records.map { record in
                    var record = record
                    record.findings = findings.removeValue(forKey: record.id) ?? []
                    return record
                }
            }
        }
    }

    public func staleMatches(on day: LocalDate) throws -> [StaleMatch] {
        var walk = StaleMatchWalk(cases: try casesForMatching(), trials: try trials(), on: day)
        try run {
            for row in try connection.query(
                """
                SELECT case_id, trial_id, arm_id, data_fingerprint FROM trial_match
                ORDER BY case_id COLLATE "C", trial_id COLLATE "C", arm_id COLLATE "C"
                """)
            {
                walk.visit(
                    caseId: row.text("case_id"), trialId: row.text("trial_id"), armId: row.text("arm_id"),
                    dataFingerprint: row["data_fingerprint"])
            }
        }
        return walk.stale
    }
}
