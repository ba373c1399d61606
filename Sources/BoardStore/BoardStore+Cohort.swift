import BoardModel
import Crypto
import Foundation
import GRDB

extension BoardStore {
    /// The board's decided cases for a cohort export: cases with a signed decision whose OncoTree code lies
    /// within one of `diagnoses` (a code and its subtree) and that carry a decisive alteration in one of
    /// `genes`; an empty list does not filter. External precedents are never exported again.
    public func decidedCases(diagnoses: [String] = [], genes: [String] = [], tree: OncoTree = .bundled) throws
        -> [DecidedCase]
    {
        try run {
            try db.read { db in
                let key = try String.fetchOne(db, sql: "SELECT id FROM store_identity") ?? ""
                var rows = try Row.fetchAll(
                    db,
                    sql:
                        "SELECT case_id, oncotree_code, decision_id FROM precedent WHERE institution IS NULL ORDER BY case_id"
                )
                if !diagnoses.isEmpty {
                    rows = rows.filter { Self.isWithin($0["oncotree_code"], diagnoses: diagnoses, tree: tree) }
                }
                if !genes.isEmpty {
                    let wanted = Set(genes.map { $0.uppercased() })
                    let carriers = Set(
                        try Row.fetchAll(db, sql: "SELECT case_id, gene FROM alteration_key").filter {
                            wanted.contains($0["gene"])
                        }.map { $0["case_id"] as String })
                    rows = rows.filter { carriers.contains($0["case_id"]) }
                }
                return try rows.compactMap { row -> DecidedCase? in
                    let id: String = row["case_id"]
                    guard
                        let body = try String.fetchOne(
                            db, sql: "SELECT body FROM \"case\" WHERE id = ?", arguments: [id]),
                        let decision = try String.fetchOne(
                            db, sql: "SELECT body FROM decision WHERE id = ?", arguments: [row["decision_id"] as String]
                        )
                    else { return nil }
                    var record = try Codec.decode(Case.self, from: body)
                    record.findings = try Self.findings(db, caseId: id)
                    return DecidedCase(
                        record: record, decision: try Codec.decode(Decision.self, from: decision),
                        outcomes: try Self.outcomes(db, caseId: id),
                        pseudonym: Self.cohortPseudonym(caseId: id, key: key))
                }
            }
        }
    }

    /// Whether a case's code lies within one of the export's `diagnoses` (a code and its subtree).
    static func isWithin(_ code: String?, diagnoses: [String], tree: OncoTree) -> Bool {
        guard let code else { return false }
        return diagnoses.contains { tree.isWithin(code, $0) || code.uppercased() == $0.uppercased() }
    }

    /// "PX-" and ten characters of an HMAC-SHA256 of the case id keyed by the store's random identity: stable
    /// across this board's exports, so a partner's re-import replaces rather than duplicates, and not derivable
    /// from the case id without the store.
    static func cohortPseudonym(caseId: String, key: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(caseId.utf8), using: SymmetricKey(data: Data(key.utf8)))
        let alphabet = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")
        return "PX-" + String(Array(mac).prefix(10).map { alphabet[Int($0) % 32] })
    }

    /// Imports a partner board's cohort file in one transaction: its precedents replace those of an earlier
    /// import of the same export (and any copy of the same case from another export of that institution); they
    /// are kept apart from the board's cases (never on an agenda or in the backlog), indexed for precedents and
    /// search, and audited. Returns how many were added and how many replaced.
    @discardableResult
    public func importCohort(_ file: CohortFile, now: Date = Date()) throws -> (added: Int, replaced: Int) {
        try run {
            try db.write { db in
                let previous = try String.fetchAll(
                    db,
                    sql:
                        "SELECT id FROM external_precedent WHERE export_id = ? OR (institution = ? AND id IN (SELECT value FROM json_each(?)))",
                    arguments: [
                        file.exportId, file.institution,
                        String(
                            decoding: try JSONEncoder().encode(
                                file.precedents.map { Self.externalId($0.id, file.institution) }), as: UTF8.self),
                    ])
                for id in previous { try Self.removeExternal(db, id: id) }
                for p in file.precedents {
                    let id = Self.externalId(p.id, file.institution)
                    try db.execute(
                        sql: """
                            INSERT INTO external_precedent(id, export_id, institution, diagnosis, body) VALUES (?, ?, ?, ?, ?)
                            """,
                        arguments: [id, file.exportId, file.institution, p.diagnosis, try Codec.encode(p)])
                    try Self.indexExternal(db, id: id, institution: file.institution, p)
                    try SearchIndex.put(db, .external(p, id: id, institution: file.institution))
                }
                try AuditTrail.append(
                    db, user: user, action: "cohort.import", entity: "cohort", entityId: file.exportId, caseId: nil,
                    before: previous.isEmpty ? nil : "\(previous.count) precedents",
                    after: "\(file.precedents.count) precedents from \(file.institution)", at: now)
                return (file.precedents.count - min(previous.count, file.precedents.count), previous.count)
            }
        }
    }

    static func externalId(_ pseudonym: String, _ institution: String) -> String { "ext:\(institution):\(pseudonym)" }

    /// A partner precedent's rows in the precedent index (its tissue, stage and lines; its alterations by gene): built
    /// at import, and again for every precedent a store copy brought (`indexExternals`).
    static func indexExternal(_ db: Database, id: String, institution: String, _ p: ExternalPrecedent) throws {
        try db.execute(
            sql: """
                INSERT INTO precedent(case_id, institution, patient_id, oncotree_code, stage_group, prior_lines, decision_id, decided_at)
                VALUES (?, ?, NULL, ?, ?, ?, ?, NULL)
                """,
            arguments: [id, institution, p.oncotreeCode, p.stageGroup, p.priorLines, id])
        for (index, a) in p.alterations.enumerated() {
            try db.execute(
                sql: "INSERT INTO alteration_key(case_id, finding_id, gene, class, change) VALUES (?, ?, ?, ?, ?)",
                arguments: [id, "a\(index)", a.gene, a.alterationClass.rawValue, a.change])
        }
    }

    /// The precedent index of every partner precedent in the store, read from their bodies (after a store copy).
    static func indexExternals(_ db: Database) throws {
        for row in try Row.fetchAll(db, sql: "SELECT id, institution, body FROM external_precedent ORDER BY id") {
            try indexExternal(
                db, id: row["id"], institution: row["institution"],
                try Codec.decode(ExternalPrecedent.self, from: row["body"] as String))
        }
    }

    static func removeExternal(_ db: Database, id: String) throws {
        try db.execute(sql: "DELETE FROM external_precedent WHERE id = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM precedent WHERE case_id = ? AND institution IS NOT NULL", arguments: [id])
        try db.execute(sql: "DELETE FROM alteration_key WHERE case_id = ?", arguments: [id])
        if let doc = try Int64.fetchOne(
            db, sql: "SELECT doc FROM search_ref WHERE kind = 'external' AND ref = ?", arguments: [id])
        {
            try db.execute(sql: "DELETE FROM search WHERE rowid = ?", arguments: [doc])
            try db.execute(sql: "DELETE FROM search_ref WHERE doc = ?", arguments: [doc])
        }
    }

    /// The partner boards' precedents in the store: institution → how many.
    public func externalPrecedentCounts() throws -> [String: Int] {
        try run {
            try db.read { db in
                Dictionary(
                    uniqueKeysWithValues: try Row.fetchAll(
                        db, sql: "SELECT institution, COUNT(*) AS n FROM external_precedent GROUP BY institution"
                    ).map { ($0["institution"] as String, $0["n"] as Int) })
            }
        }
    }
}
