import BoardModel
import Foundation

/// The case screen's reads of one case on PostgreSQL, none depending on another's result, so they go to the server
/// together in one round trip (`PGConnection.snapshotReads`): moving along an agenda loads a case at every step, and
/// twelve statements one after another were twelve waits for the server. Whether the case is big (more findings than
/// `FindingList.wholeCaseLimit`, read by summary) is decided by the server in the same snapshot: each statement of
/// the whole list or of the summary carries the condition, so only one of the two returns rows.
enum PostgresCaseRead {
    /// The statements for case `id`; `summary`: a big case is read by its summary (`CaseFindings.summary`).
    static func statements(id: String, summary: Bool) -> [PGStatement] {
        let big = "$2::boolean AND (SELECT coalesce(sum(n), 0) FROM finding_count WHERE case_id = $1 AND n > 0) > $3"
        let guarded: [String?] = [id, summary ? "true" : "false", String(FindingList.wholeCaseLimit)]
        let columns = "id, kind, gene, report_id, body, position"
        return [
            PGStatement(PostgresFindingList.countsQuery, [id]),
            PGStatement("SELECT body FROM \"case\" WHERE id = $1", [id]),
            // The whole list, unless big.
            PGStatement(
                "SELECT \(columns) FROM finding WHERE case_id = $1 AND NOT (\(big)) ORDER BY position", guarded),
            // A big case's summary: what matching reads, a witness, the findings with evidence, those named.
            PGStatement(
                """
                SELECT \(columns) FROM finding WHERE case_id = $1 AND \(PostgresFindingList.readByMatching)
                  AND \(big) ORDER BY position
                """, guarded),
            PGStatement(
                """
                SELECT \(columns) FROM finding WHERE case_id = $1 AND NOT \(PostgresFindingList.readByMatching)
                  AND kind <> 'biomarker' AND strpos(body, '"origin":"germline"') = 0 AND \(big)
                ORDER BY id COLLATE "C" LIMIT 1
                """, guarded),
            PGStatement(
                """
                SELECT \(columns) FROM finding
                WHERE case_id = $1 AND filtered IN (0, 1) AND best_rank < 99 AND \(big)
                """, guarded),
            PGStatement(
                """
                SELECT \(columns) FROM finding WHERE case_id = $1 AND \(big) AND id IN (
                  SELECT n.finding_id FROM note n WHERE n.case_id = $1
                    AND n.version = (SELECT max(version) FROM note m WHERE m.id = n.id)
                  UNION SELECT jsonb_array_elements_text(coalesce(r -> 'findingIds', '[]'::jsonb))
                  FROM decision d, jsonb_array_elements(coalesce(d.body::jsonb -> 'recommendations', '[]'::jsonb)) r
                  WHERE d.case_id = $1)
                """, guarded),
            PGStatement("SELECT body FROM trial_match WHERE case_id = $1 ORDER BY score DESC, trial_id", [id]),
            PGStatement(
                "SELECT id, body FROM trial WHERE id IN (SELECT trial_id FROM trial_match WHERE case_id = $1)", [id]),
            PGStatement(
                """
                SELECT n.* FROM note n WHERE n.case_id = $1 AND n.version = (SELECT max(version) FROM note m WHERE m.id = n.id)
                ORDER BY n.written_at, n.id COLLATE "C"
                """, [id]),
            PGStatement("SELECT body FROM decision WHERE case_id = $1 ORDER BY created_order", [id]),
            PGStatement(
                "SELECT \(PostgresBoardStore.eventColumns) FROM audit_event WHERE case_id = $1 ORDER BY seq", [id]),
            PGStatement(
                """
                SELECT m.*, b.name AS board_name, (SELECT count(*) FROM agenda_item x WHERE x.meeting_id = m.id) AS case_count
                FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id JOIN board b ON b.id = m.board_id
                WHERE a.case_id = $1 ORDER BY m.starts_at
                """, [id]),
        ]
    }

    /// The case record from the rows of `statements`, in their order; nil when there is no such case.
    static func record(_ rows: [PGRows], summary: Bool, on day: LocalDate) throws -> CaseRecord? {
        let findingCounts = PostgresFindingList.counts(rows[0])
        guard let body = rows[1].first?["body"] else { return nil }
        var record = try Codec.decode(Case.self, from: body)
        let notes = rows[9].map(PostgresBoardStore.note)
        let decisions = try rows[10].map { try Codec.decode(Decision.self, from: $0.text("body")) }
        // The counts are of the same snapshot as the server's condition: they say which list it sent.
        let partial = summary && findingCounts.total > FindingList.wholeCaseLimit
        if partial {
            let read = try rows[3].map(PostgresFindingList.finding)
            let witness =
                read.contains(where: \.establishesTumourProfile) ? [] : try rows[4].map(PostgresFindingList.finding)
            let others = try (rows[5].map { $0 } + rows[6].map { $0 }).map {
                (position: $0.int("position") ?? 0, finding: try PostgresFindingList.finding($0))
            }
            record.findings = FindingList.combine(summary: read + witness, others: others)
        } else {
            record.findings = try rows[2].map(PostgresFindingList.finding)
        }
        let matches = try rows[7].map { try Codec.decode(TrialMatch.self, from: $0.text("body")) }
        var trials: [String: Trial] = [:]
        for row in rows[8] { trials[row.text("id")] = try Codec.decode(Trial.self, from: row.text("body")) }
        let history = rows[11].map(PostgresBoardStore.event)
        let meetings = rows[12].map(PostgresBoardStore.meetingSummary)
        let (current, stale) = StaleMatchWalk.split(matches, of: record, trials: trials, on: day)
        return CaseRecord(
            record: record, matches: current, trials: trials, notes: notes, decisions: decisions, history: history,
            meetings: meetings, staleMatches: stale, findingCounts: findingCounts, findingsPartial: partial)
    }
}
