import BoardModel
import Foundation

/// The Molecular tab's list, the counts and the matching summary on PostgreSQL (schema 4, SQLite's v10): the same
/// queries as `FindingList` in PostgreSQL's dialect, ids compared in byte order (`COLLATE "C"`, SQLite's BINARY) so
/// that both backends list a case's findings in the same order.
enum PostgresFindingList {
    /// The rows matching reads (`Finding.isReadByMatching`, `FindingList.readByMatching`): the partial index's
    /// condition.
    static let readByMatching = "(gene IS NOT NULL OR kind = 'biomarker' OR strpos(body, '\"partners\":[') > 0)"

    static let columns = "id, kind, gene, report_id, body, filtered, best_rank, position"
    /// The kinds condition: $2 = 0 for every kind, else the kinds $3 and $4.
    static let kinds = "case_id = $1 AND ($2::integer = 0 OR kind = $3 OR kind = $4)"
    static let ascending = "ORDER BY filtered, best_rank, position, id COLLATE \"C\""
    static let descending = "ORDER BY filtered DESC, best_rank DESC, position DESC, id COLLATE \"C\" DESC"
    static let keyColumns = "(filtered, best_rank, position, id COLLATE \"C\")"

    /// Marks the calls whose bodies name a filter the caller did not pass (rows written before schema 4, or copied
    /// from another store: the column is derived from the body).
    static func backfillFiltered(_ connection: PGConnection) throws {
        let filtered = try connection.query(
            """
            SELECT case_id, id, kind, gene, report_id, body FROM finding
            WHERE strpos(body, '"filter":') > 0 OR strpos(body, '"sampleFilter":') > 0
            """
        ).filter { try finding($0).isFiltered }
        guard !filtered.isEmpty else { return }
        try connection.execute(
            script: """
                CREATE TEMPORARY TABLE IF NOT EXISTS finding_filtered(case_id text, id text) ON COMMIT DROP;
                TRUNCATE finding_filtered
                """)
        try connection.copy(
            "COPY finding_filtered(case_id, id) FROM STDIN", rows: filtered.map { [$0["case_id"], $0["id"]] })
        try connection.query(
            """
            UPDATE finding f SET filtered = 1 FROM finding_filtered x
            WHERE f.case_id = x.case_id AND f.id = x.id AND f.filtered = 0
            """)
    }

    static func finding(_ row: PGRow) throws -> Finding {
        try FindingJSON.decode(
            id: row.text("id"), kind: row.text("kind"), gene: row["gene"], reportId: row["report_id"],
            body: row.text("body"))
    }

    /// One page of a case's list, in the list's order.
    static func page(
        _ connection: PGConnection, caseId: String, kinds: [FindingKind]?, from anchor: FindingListAnchor, limit: Int
    ) throws -> [FindingListRow] {
        let k = kinds ?? []
        var parameters: [String?] = [
            caseId, k.isEmpty ? "0" : "1", k.first?.rawValue, k.dropFirst().first?.rawValue ?? k.first?.rawValue,
            String(limit),
        ]
        let sql: String
        var reversed = false
        switch anchor {
        case .offset(let n):
            sql = "SELECT \(columns) FROM finding WHERE \(Self.kinds) \(ascending) LIMIT $5 OFFSET $6"
            parameters.append(String(max(0, n)))
        case .fromEnd(let n):
            sql = "SELECT \(columns) FROM finding WHERE \(Self.kinds) \(descending) LIMIT $5 OFFSET $6"
            parameters.append(String(max(0, n)))
            reversed = true
        case .after(let key):
            sql =
                "SELECT \(columns) FROM finding WHERE \(Self.kinds) AND \(keyColumns) > ($6::integer, $7::integer, $8::integer, $9) \(ascending) LIMIT $5"
            parameters += [String(key.filtered), String(key.rank), String(key.position), key.id]
        case .before(let key):
            sql =
                "SELECT \(columns) FROM finding WHERE \(Self.kinds) AND \(keyColumns) < ($6::integer, $7::integer, $8::integer, $9) \(descending) LIMIT $5"
            parameters += [String(key.filtered), String(key.rank), String(key.position), key.id]
            reversed = true
        }
        let rows = try connection.query(sql, parameters).map { row in
            FindingListRow(
                key: FindingListKey(
                    filtered: row.int("filtered") ?? 0, rank: row.int("best_rank") ?? 0,
                    position: row.int("position") ?? 0, id: row.text("id")),
                finding: try finding(row))
        }
        return reversed ? rows.reversed() : rows
    }

    static func counts(_ connection: PGConnection, caseId: String) throws -> FindingCounts {
        counts(try connection.query(countsQuery, [caseId]))
    }

    /// A case's counts per kind and filter state ($1: the case).
    static let countsQuery =
        "SELECT kind, filtered, n FROM finding_count WHERE case_id = $1 AND n > 0 ORDER BY kind COLLATE \"C\", filtered"

    /// The counts from the rows of `countsQuery`.
    static func counts(_ rows: PGRows) -> FindingCounts {
        FindingCounts(
            entries: rows.compactMap { row in
                FindingKind(rawValue: row.text("kind")).map {
                    FindingCounts.Entry(kind: $0, filtered: row.int("filtered") != 0, count: row.int("n") ?? 0)
                }
            })
    }

    /// The findings matching reads of one case, in the case's order, with the tumour-profile witness when none of
    /// them establishes a profile (as `FindingList.matchingFindings`).
    static func matchingFindings(_ connection: PGConnection, caseId: String) throws -> [Finding] {
        let read = try connection.query(
            "SELECT id, kind, gene, report_id, body FROM finding WHERE case_id = $1 AND \(readByMatching) ORDER BY position",
            [caseId]
        ).map(finding)
        if read.contains(where: \.establishesTumourProfile) { return read }
        return read + (try witness(connection, caseId: caseId).map { [$0] } ?? [])
    }

    /// The first profile finding by id among those matching does not read (`FindingList.witness`).
    static func witness(_ connection: PGConnection, caseId: String) throws -> Finding? {
        try connection.query(
            """
            SELECT id, kind, gene, report_id, body FROM finding
            WHERE case_id = $1 AND NOT \(readByMatching) AND kind <> 'biomarker'
                AND strpos(body, '"origin":"germline"') = 0
            ORDER BY id COLLATE "C" LIMIT 1
            """, [caseId]
        ).first.map(finding)
    }

    /// Every case's matching summary, by case id: one walk of `finding_matching`, and a witness looked up for the
    /// cases whose summary holds no profile.
    static func matchingFindings(_ connection: PGConnection, caseIds: [String]) throws -> [String: [Finding]] {
        var found: [String: [Finding]] = [:]
        for row in try connection.query(
            "SELECT case_id, id, kind, gene, report_id, body FROM finding WHERE \(readByMatching) ORDER BY case_id, position"
        ) {
            found[row.text("case_id"), default: []].append(try finding(row))
        }
        for id in caseIds where !(found[id]?.contains(where: \.establishesTumourProfile) ?? false) {
            if let w = try witness(connection, caseId: id) { found[id, default: []].append(w) }
        }
        return found
    }
}
