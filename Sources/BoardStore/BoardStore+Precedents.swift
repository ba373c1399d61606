import BoardModel
import Foundation
import GRDB

extension BoardStore {
    /// The earlier cases most like `caseId`, best first: candidates come from two indexed look-ups (precedents
    /// whose OncoTree code lies in the case's tissue, and precedents sharing a gene with one of its decisive
    /// alterations), are ranked by `Similarity`, and only the `limit` kept are read in full. Cases of the same
    /// patient are not precedents. External precedents (imported from partner boards) take part alike.
    public func precedents(for caseId: String, limit: Int = 10, tree: OncoTree = .bundled) throws -> PrecedentList {
        try run {
            try db.read { db in
                guard let target = try Self.precedentTarget(db, caseId: caseId) else {
                    throw StoreError.notFound(kind: "case", id: caseId)
                }
                let ranked = try Self.rankedCandidates(
                    db, target: target.profile, patientId: target.patientId, tree: tree, limit: limit)
                let precedents = try ranked.kept.compactMap { candidate in
                    try Self.loadPrecedent(db, candidate.row, similarity: candidate.similarity)
                }
                return PrecedentList(caseId: caseId, precedents: precedents, compared: ranked.compared)
            }
        }
    }

    /// The case's profile from indexed columns and its alteration keys (no record body beyond its therapy lines).
    static func precedentTarget(_ db: Database, caseId: String) throws -> (
        profile: PrecedentProfile, patientId: String
    )? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT c.id, c.patient_id, c.oncotree_code, c.stage_group, \(PrecedentIndex.priorLines("c.body")) AS prior_lines
                    FROM "case" c WHERE c.id = ?
                    """, arguments: [caseId])
        else { return nil }
        let alterations = try Row.fetchAll(
            db, sql: "SELECT gene, class, change FROM alteration_key WHERE case_id = ? ORDER BY finding_id",
            arguments: [caseId]
        ).compactMap(alteration)
        var seen = Set<Alteration>()
        let profile = PrecedentProfile(
            caseId: caseId, oncotreeCode: row["oncotree_code"], stageGroup: row["stage_group"],
            priorLines: row["prior_lines"], alterations: alterations.filter { seen.insert($0).inserted })
        return (profile, row["patient_id"])
    }

    static func alteration(_ row: Row) -> Alteration? {
        guard let kind = AlterationClass(rawValue: row["class"]) else { return nil }
        return Alteration(
            gene: row["gene"], alterationClass: kind, change: Alteration.comparable(change: row["change"], of: kind))
    }

    /// The index columns of a candidate, in `PrecedentCandidate`'s order (read by position, not by name).
    static let precedentColumns =
        "p.case_id, p.institution, p.patient_id, p.oncotree_code, p.stage_group, p.prior_lines, p.decision_id, p.decided_at"

    static func candidate(_ row: Row) -> PrecedentCandidate {
        PrecedentCandidate(
            caseId: row[0], institution: row[1], patientId: row[2], code: row[3], stage: row[4], priorLines: row[5],
            decisionId: row[6], decidedAt: row[7])
    }

    /// Every precedent related to the target by tissue or gene, ranked (`PrecedentRanking`): the best `limit` with
    /// their similarity, and how many were compared. Both look-ups read covering indexes only (schema v11; the join
    /// names its index, as the planner without statistics prefers the primary key's, which is not covering).
    static func rankedCandidates(
        _ db: Database, target: PrecedentProfile, patientId: String, tree: OncoTree, limit: Int
    ) throws -> (kept: [(row: PrecedentCandidate, similarity: Similarity)], compared: Int) {
        var ranking = PrecedentRanking(target: target, patientId: patientId, tree: tree)
        let codes = target.oncotreeCode.map { Self.codesSharingTissue(with: $0, tree: tree) } ?? []
        for chunk in codes.chunked(900) {
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            let rows = try Row.fetchCursor(
                db, sql: "SELECT \(precedentColumns) FROM precedent p WHERE p.oncotree_code IN (\(marks))",
                arguments: StatementArguments(chunk))
            while let row = try rows.next() { ranking.add(candidate(row)) }
        }
        let genes = Array(Set(target.alterations.map(\.gene))).sorted()
        if !genes.isEmpty {
            let marks = Array(repeating: "?", count: genes.count).joined(separator: ", ")
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT \(precedentColumns), a.gene, a.class, a.change FROM alteration_key a
                    JOIN precedent p INDEXED BY precedent_case_cover ON p.case_id = a.case_id WHERE a.gene IN (\(marks))
                    """, arguments: StatementArguments(genes))
            while let row = try rows.next() {
                ranking.add(candidate(row), gene: row[8], kind: row[9], change: row[10])
            }
        }
        return ranking.ranked(limit: limit)
    }

    /// The codes of the tissue `code` belongs to (the code itself when the tree does not know it).
    static func codesSharingTissue(with code: String, tree: OncoTree) -> [String] {
        guard let node = tree.node(code) else { return [code.uppercased()] }
        return tree.nodes.values.filter { $0.tissue == node.tissue }.map(\.code).sorted()
    }

    /// A kept candidate read in full: its signed decision and diagnosis from the store (external precedents:
    /// see `loadExternalPrecedent`).
    static func loadPrecedent(_ db: Database, _ row: PrecedentCandidate, similarity: Similarity) throws -> Precedent? {
        guard row.institution == nil else { return try loadExternalPrecedent(db, row, similarity: similarity) }
        guard
            let source = try Row.fetchOne(
                db,
                sql: """
                    SELECT d.body AS decision, c.diagnosis FROM decision d JOIN "case" c ON c.id = d.case_id WHERE d.id = ?
                    """, arguments: [row.decisionId])
        else { return nil }
        return row.precedent(
            similarity: similarity, decision: try Codec.decode(Decision.self, from: source["decision"]),
            diagnosis: source["diagnosis"], outcomes: try outcomes(db, caseId: row.caseId))
    }

    /// A partner board's precedent from its de-identified record.
    static func loadExternalPrecedent(_ db: Database, _ row: PrecedentCandidate, similarity: Similarity) throws
        -> Precedent?
    {
        guard
            let body = try String.fetchOne(
                db, sql: "SELECT body FROM external_precedent WHERE id = ?", arguments: [row.caseId])
        else { return nil }
        return row.precedent(similarity: similarity, external: try Codec.decode(ExternalPrecedent.self, from: body))
    }
}

extension Array {
    /// The array in consecutive slices of at most `size` (SQLite limits bound parameters per statement).
    fileprivate func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
