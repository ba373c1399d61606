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
                    db, target: target.profile, patientId: target.patientId, tree: tree)
                let kept = ranked.prefix(max(0, limit))
                let precedents = try kept.compactMap { candidate in
                    try Self.loadPrecedent(db, candidate.row, similarity: candidate.similarity)
                }
                return PrecedentList(caseId: caseId, precedents: precedents, compared: ranked.count)
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

    /// One precedent row as the index holds it.
    struct CandidateRow {
        var caseId: String
        var institution: String?
        var patientId: String?
        var code: String?
        var stage: String?
        var priorLines: Int?
        var decisionId: String
        var decidedAt: Double?

        init(_ row: Row) {
            caseId = row["case_id"]
            institution = row["institution"]
            patientId = row["patient_id"]
            code = row["oncotree_code"]
            stage = row["stage_group"]
            priorLines = row["prior_lines"]
            decisionId = row["decision_id"]
            decidedAt = row["decided_at"]
        }
    }

    static let precedentColumns =
        "p.case_id, p.institution, p.patient_id, p.oncotree_code, p.stage_group, p.prior_lines, p.decision_id, p.decided_at"

    /// Every precedent related to the target by tissue or gene, scored and sorted (best, then latest, first).
    static func rankedCandidates(
        _ db: Database, target: PrecedentProfile, patientId: String, tree: OncoTree
    ) throws -> [(row: CandidateRow, similarity: Similarity)] {
        var rows: [String: CandidateRow] = [:]
        var alterations: [String: [Alteration]] = [:]
        let codes = target.oncotreeCode.map { Self.codesSharingTissue(with: $0, tree: tree) } ?? []
        for chunk in codes.chunked(900) {
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            for row in try Row.fetchAll(
                db, sql: "SELECT \(precedentColumns) FROM precedent p WHERE p.oncotree_code IN (\(marks))",
                arguments: StatementArguments(chunk))
            {
                let candidate = CandidateRow(row)
                rows[candidate.caseId] = candidate
            }
        }
        let genes = Array(Set(target.alterations.map(\.gene))).sorted()
        if !genes.isEmpty {
            let marks = Array(repeating: "?", count: genes.count).joined(separator: ", ")
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT \(precedentColumns), a.gene, a.class, a.change FROM alteration_key a
                    JOIN precedent p ON p.case_id = a.case_id WHERE a.gene IN (\(marks))
                    """, arguments: StatementArguments(genes))
            {
                let candidate = CandidateRow(row)
                if rows[candidate.caseId] == nil { rows[candidate.caseId] = candidate }
                if let alteration = alteration(row), !(alterations[candidate.caseId]?.contains(alteration) ?? false) {
                    alterations[candidate.caseId, default: []].append(alteration)
                }
            }
        }
        var scored: [(row: CandidateRow, similarity: Similarity)] = []
        scored.reserveCapacity(rows.count)
        for row in rows.values where row.caseId != target.caseId && (row.patientId == nil || row.patientId != patientId)
        {
            let profile = PrecedentProfile(
                caseId: row.caseId, institution: row.institution, oncotreeCode: row.code, stageGroup: row.stage,
                priorLines: row.priorLines, alterations: alterations[row.caseId] ?? [])
            let similarity = Similarity.of(profile, to: target, tree: tree)
            if similarity.isPrecedent { scored.append((row, similarity)) }
        }
        scored.sort { a, b in
            let (x, y) = (a.similarity.score, b.similarity.score)
            if x != y { return x > y }
            let (s, t) = (a.row.decidedAt ?? 0, b.row.decidedAt ?? 0)
            if s != t { return s > t }
            return a.row.caseId < b.row.caseId
        }
        return scored
    }

    /// The codes of the tissue `code` belongs to (the code itself when the tree does not know it).
    static func codesSharingTissue(with code: String, tree: OncoTree) -> [String] {
        guard let node = tree.node(code) else { return [code.uppercased()] }
        return tree.nodes.values.filter { $0.tissue == node.tissue }.map(\.code).sorted()
    }

    /// A kept candidate read in full: its signed decision and diagnosis from the store (external precedents:
    /// see `loadExternalPrecedent`).
    static func loadPrecedent(_ db: Database, _ row: CandidateRow, similarity: Similarity) throws -> Precedent? {
        guard row.institution == nil else { return try loadExternalPrecedent(db, row, similarity: similarity) }
        guard
            let source = try Row.fetchOne(
                db,
                sql: """
                    SELECT d.body AS decision, c.diagnosis FROM decision d JOIN "case" c ON c.id = d.case_id WHERE d.id = ?
                    """, arguments: [row.decisionId])
        else { return nil }
        let decision = try Codec.decode(Decision.self, from: source["decision"])
        let decided = row.decidedAt.map(Date.init(timeIntervalSince1970:))
        let origin = LocalDate(decided ?? decision.recordedAt)
        return Precedent(
            caseId: row.caseId, institution: nil, diagnosis: source["diagnosis"], oncotreeCode: row.code,
            stageGroup: row.stage, priorLines: row.priorLines, similarity: similarity, decisionId: decision.id,
            recommendations: decision.recommendations, signedBy: decision.signedBy, decidedAt: decided,
            outcomes: try outcomes(db, caseId: row.caseId).filter { $0.date >= origin }.map {
                TimedOutcome($0, origin: origin)
            }, daysFrom: "decision")
    }

    /// A partner board's precedent from its de-identified record.
    static func loadExternalPrecedent(_ db: Database, _ row: CandidateRow, similarity: Similarity) throws -> Precedent?
    {
        guard
            let body = try String.fetchOne(
                db, sql: "SELECT body FROM external_precedent WHERE id = ?", arguments: [row.caseId])
        else { return nil }
        let record = try Codec.decode(ExternalPrecedent.self, from: body)
        return Precedent(
            caseId: row.caseId, label: record.id, institution: row.institution, diagnosis: record.diagnosis,
            oncotreeCode: record.oncotreeCode, stageGroup: record.stageGroup, priorLines: record.priorLines,
            similarity: similarity, decisionId: nil, recommendations: record.recommendations, signedBy: nil,
            decidedAt: nil, decisionDay: record.decisionDay, outcomes: record.outcomes, daysFrom: record.daysFrom)
    }
}

extension Array {
    /// The array in consecutive slices of at most `size` (SQLite limits bound parameters per statement).
    fileprivate func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
