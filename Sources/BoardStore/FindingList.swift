import BoardModel
import Foundation
import GRDB

/// Where a page of the Molecular tab's list starts: a row count from the top or from the bottom (a jump: Home, End),
/// or the row after or before one already shown (a move: the next page is read from the index, not counted to).
public enum FindingListAnchor: Sendable, Hashable {
    case offset(Int)
    case fromEnd(Int)
    case after(FindingListKey)
    case before(FindingListKey)
}

/// A row's place in the Molecular tab's order: passing calls first, then strongest evidence, then the case's order.
public struct FindingListKey: Sendable, Hashable {
    public var filtered: Int
    public var rank: Int
    public var position: Int
    public var id: String
}

/// One row of the list: its place and the finding.
public struct FindingListRow: Sendable {
    public var key: FindingListKey
    public var finding: Finding
}

/// How many findings a case has, by kind and by whether the caller passed them (kept by triggers, migration v10).
public struct FindingCounts: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var kind: FindingKind
        public var filtered: Bool
        public var count: Int
    }
    public var entries: [Entry]

    public init(entries: [Entry] = []) { self.entries = entries }

    /// The findings of these kinds (nil: every kind).
    public func count(kinds: [FindingKind]?) -> Int {
        entries.reduce(0) { sum, e in sum + (Self.lists(e.kind, kinds) ? e.count : 0) }
    }

    /// The calls of these kinds the caller's filters rejected.
    public func filtered(kinds: [FindingKind]?) -> Int {
        entries.reduce(0) { sum, e in sum + (e.filtered && Self.lists(e.kind, kinds) ? e.count : 0) }
    }

    static func lists(_ kind: FindingKind, _ kinds: [FindingKind]?) -> Bool { kinds?.contains(kind) ?? true }

    public var total: Int { count(kinds: nil) }

    /// Counts of a list held whole (a store that reads no counts: the list itself).
    public init(_ findings: [Finding]) {
        var counts: [Entry] = []
        for f in findings {
            if let i = counts.firstIndex(where: { $0.kind == f.kind && $0.filtered == f.isFiltered }) {
                counts[i].count += 1
            } else {
                counts.append(Entry(kind: f.kind, filtered: f.isFiltered, count: 1))
            }
        }
        entries = counts
    }
}

/// The SQL of the Molecular tab's list and of the matching summary (schema v10).
enum FindingList {
    /// The rows matching reads (`Finding.isReadByMatching`): the condition of the partial index `finding_matching`.
    /// A body holds `"partners":[` exactly when the finding has partners (FindingJSON).
    static let readByMatching = "(gene IS NOT NULL OR kind = 'biomarker' OR instr(body, '\"partners\":[') > 0)"

    /// Cases read whole up to this many findings; above it the case screen reads the summary (`CaseFindings.summary`).
    static let wholeCaseLimit = 2_000

    static let columns = "id, kind, gene, report_id, body, filtered, best_rank, position"
    /// The kinds condition: ?2 = 0 for every kind, else the kinds ?3 and ?4.
    static let kinds = "case_id = ?1 AND (?2 = 0 OR kind = ?3 OR kind = ?4)"
    static let ascending = "ORDER BY filtered, best_rank, position, id"
    static let descending = "ORDER BY filtered DESC, best_rank DESC, position DESC, id DESC"
    static let keyColumns = "(filtered, best_rank, position, id)"

    /// Marks the calls whose bodies name a filter the caller did not pass (the rows written before v10).
    static func backfillFiltered(_ db: Database) throws {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT case_id, id, kind, gene, report_id, body FROM finding
                WHERE instr(body, '"filter":') > 0 OR instr(body, '"sampleFilter":') > 0
                """)
        let update = try db.makeStatement(sql: "UPDATE finding SET filtered = 1 WHERE case_id = ? AND id = ?")
        for row in rows where try row.finding().isFiltered {
            try update.execute(arguments: [row["case_id"] as String, row["id"] as String])
        }
    }

    /// One page of a case's list, in the list's order.
    static func page(
        _ db: Database, caseId: String, kinds: [FindingKind]?, from anchor: FindingListAnchor, limit: Int
    ) throws -> [FindingListRow] {
        let k = kinds ?? []
        var arguments: [(any DatabaseValueConvertible)?] = [
            caseId, k.isEmpty ? 0 : 1, k.first?.rawValue, k.dropFirst().first?.rawValue ?? k.first?.rawValue,
        ]
        let sql: String
        var reversed = false
        switch anchor {
        case .offset(let n):
            sql = "SELECT \(columns) FROM finding WHERE \(Self.kinds) \(ascending) LIMIT ?5 OFFSET ?6"
            arguments += [limit, max(0, n)]
        case .fromEnd(let n):
            sql = "SELECT \(columns) FROM finding WHERE \(Self.kinds) \(descending) LIMIT ?5 OFFSET ?6"
            arguments += [limit, max(0, n)]
            reversed = true
        case .after(let key):
            sql =
                "SELECT \(columns) FROM finding WHERE \(Self.kinds) AND \(keyColumns) > (?6, ?7, ?8, ?9) \(ascending) LIMIT ?5"
            arguments += [limit, key.filtered, key.rank, key.position, key.id]
        case .before(let key):
            sql =
                "SELECT \(columns) FROM finding WHERE \(Self.kinds) AND \(keyColumns) < (?6, ?7, ?8, ?9) \(descending) LIMIT ?5"
            arguments += [limit, key.filtered, key.rank, key.position, key.id]
            reversed = true
        }
        let rows = try Row.fetchAll(
            db.cachedStatement(sql: sql), arguments: StatementArguments(arguments)
        ).map { row in
            FindingListRow(
                key: FindingListKey(
                    filtered: row["filtered"], rank: row["best_rank"], position: row["position"], id: row["id"]),
                finding: try row.finding())
        }
        return reversed ? rows.reversed() : rows
    }

    static func counts(_ db: Database, caseId: String) throws -> FindingCounts {
        FindingCounts(
            entries: try Row.fetchAll(
                db.cachedStatement(
                    sql:
                        "SELECT kind, filtered, n FROM finding_count WHERE case_id = ? AND n > 0 ORDER BY kind, filtered"
                ),
                arguments: [caseId]
            ).compactMap { row in
                FindingKind(rawValue: row["kind"]).map {
                    FindingCounts.Entry(kind: $0, filtered: row["filtered"] as Int != 0, count: row["n"])
                }
            })
    }

    /// The findings matching reads of one case (`matchingSummary()`, in the case's order): the rows `finding_matching`
    /// holds, and the tumour-profile witness when none of them establishes a profile.
    static func matchingFindings(_ db: Database, caseId: String) throws -> [Finding] {
        let read = try Row.fetchAll(
            db.cachedStatement(
                sql:
                    "SELECT id, kind, gene, report_id, body FROM finding WHERE case_id = ? AND \(readByMatching) ORDER BY position"
            ), arguments: [caseId]
        ).map { try $0.finding() }
        if read.contains(where: \.establishesTumourProfile) { return read }
        return read + (try witness(db, caseId: caseId).map { [$0] } ?? [])
    }

    /// The first profile finding by id among those matching does not read (the primary key's order, as
    /// `matchingSummary()` chooses it).
    static func witness(_ db: Database, caseId: String) throws -> Finding? {
        try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT id, kind, gene, report_id, body FROM finding
                    WHERE case_id = ? AND NOT \(readByMatching) AND kind <> 'biomarker'
                        AND instr(body, '"origin":"germline"') = 0
                    ORDER BY id LIMIT 1
                    """), arguments: [caseId]
        )?.finding()
    }

    /// Every case's matching summary, by case id: one walk of `finding_matching`, and a witness looked up for the
    /// cases whose summary holds no profile.
    static func matchingFindings(_ db: Database, caseIds: [String]) throws -> [String: [Finding]] {
        var found: [String: [Finding]] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql:
                "SELECT case_id, id, kind, gene, report_id, body FROM finding WHERE \(readByMatching) ORDER BY case_id, position"
        )
        while let row = try rows.next() { found[row["case_id"], default: []].append(try row.finding()) }
        for id in caseIds where !(found[id]?.contains(where: \.establishesTumourProfile) ?? false) {
            if let w = try witness(db, caseId: id) { found[id, default: []].append(w) }
        }
        return found
    }

    /// A big case's findings for the case screen: the matching summary, the findings with evidence (a decision's
    /// evidence against a drug), and the findings notes and recommendations name; in the case's order.
    static func summary(_ db: Database, caseId: String, naming ids: Set<String>) throws -> [Finding] {
        var others: [(position: Int, finding: Finding)] = []
        func add(_ rows: [Row]) throws {
            others += try rows.map { (position: $0["position"], finding: try $0.finding()) }
        }
        try add(
            Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT id, kind, gene, report_id, body, position FROM finding
                        WHERE case_id = ? AND filtered IN (0, 1) AND best_rank < 99
                        """), arguments: [caseId]))
        let withEvidence = Set(others.map(\.finding.id))
        for id in ids where !withEvidence.contains(id) {
            try add(
                Row.fetchAll(
                    db.cachedStatement(
                        sql:
                            "SELECT id, kind, gene, report_id, body, position FROM finding WHERE case_id = ? AND id = ?"
                    ),
                    arguments: [caseId, id]))
        }
        return combine(summary: try matchingFindings(db, caseId: caseId), others: others)
    }

    /// The summary first, in the case's order; what else the record names after it, by position (none of it is read
    /// by matching but a witness, which comes first by id among them). Both backends' `summary` end here.
    static func combine(summary: [Finding], others: [(position: Int, finding: Finding)]) -> [Finding] {
        let inSummary = Set(summary.map(\.id))
        var seen = inSummary
        let rest = others.filter { seen.insert($0.finding.id).inserted }
        return summary + rest.sorted { ($0.position, $0.finding.id) < ($1.position, $1.finding.id) }.map(\.finding)
    }
}
