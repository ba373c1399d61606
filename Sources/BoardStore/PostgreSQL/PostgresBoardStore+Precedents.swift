import BoardModel
import Foundation

/// Precedents and cohort exchange on PostgreSQL. The ranking is the SQLite store's (`PrecedentRanking`: candidates
/// by tissue and by gene, scored by `SimilarityScorer`, the best kept); only the look-ups differ. This board's
/// precedents are read from the cases and their latest signed decision by query (no index kept by triggers), and
/// their alterations by the Swift rule itself (`Alteration(finding)`) from the findings of the genes in question;
/// partner boards' precedents sit in their own tables, apart from the cases (schema 3).
extension PostgresBoardStore: PrecedentStore {
    /// Each case's latest signed decision, and when it was signed (seconds since 1970), as `precedent` on SQLite.
    static let latestSigned = """
        latest AS (
          SELECT DISTINCT ON (d.case_id) d.case_id, d.id AS decision_id,
            coalesce((d.body::jsonb ->> 'signedAt')::double precision,
                     (d.body::jsonb ->> 'recordedAt')::double precision) / 1000.0 AS decided_at
          FROM decision d WHERE d.status = 'final' ORDER BY d.case_id, decided_at DESC)
        """

    /// Systemic lines in the case body `c.body`, as `Case.priorSystemicLines` counts them.
    static let priorLines = """
        (SELECT count(*) FROM jsonb_array_elements(
            CASE WHEN jsonb_typeof(c.body::jsonb -> 'treatmentHistory') = 'array'
                 THEN c.body::jsonb -> 'treatmentHistory' ELSE '[]'::jsonb END) t
         WHERE t ->> 'line' IS NOT NULL
            OR CASE WHEN jsonb_typeof(t -> 'drugs') = 'array' THEN jsonb_array_length(t -> 'drugs') > 0 ELSE false END)
        """

    /// A local candidate's columns in `PrecedentCandidate`'s order.
    static let localColumns =
        "c.id, NULL, c.patient_id, c.oncotree_code, c.stage_group, \(priorLines), l.decision_id, l.decided_at"
    static let externalColumns = "e.id, e.institution, NULL, e.oncotree_code, e.stage_group, e.prior_lines, e.id, NULL"

    static func candidate(_ row: PGRow) -> PrecedentCandidate {
        PrecedentCandidate(
            caseId: row[0] ?? "", institution: row[1], patientId: row[2], code: row[3], stage: row[4],
            priorLines: PGValue.int(row[5]), decisionId: row[6] ?? "", decidedAt: row[7].flatMap(Double.init))
    }

    public func precedents(for caseId: String, limit: Int, tree: OncoTree) throws -> PrecedentList {
        try run {
            try connection.snapshot {
                guard var record = try loadCase(caseId) else { throw StoreError.notFound(kind: "case", id: caseId) }
                // The target's alterations in finding-id order, as SQLite reads its keys (ties pick the first).
                record.findings.sort { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
                let target = PrecedentProfile(record)
                var ranking = PrecedentRanking(target: target, patientId: record.patient.id, tree: tree)
                let codes = target.oncotreeCode.map { BoardStore.codesSharingTissue(with: $0, tree: tree) } ?? []
                if !codes.isEmpty {
                    for row in try connection.query(
                        """
                        WITH \(Self.latestSigned)
                        SELECT \(Self.localColumns) FROM latest l JOIN "case" c ON c.id = l.case_id
                        WHERE c.oncotree_code IN (SELECT jsonb_array_elements_text($1::jsonb))
                        UNION ALL
                        SELECT \(Self.externalColumns) FROM external_precedent e
                        WHERE e.oncotree_code IN (SELECT jsonb_array_elements_text($1::jsonb))
                        """, [try Self.jsonList(codes)])
                    {
                        ranking.add(Self.candidate(row))
                    }
                }
                let genes = try Self.jsonList(Array(Set(target.alterations.map(\.gene))).sorted())
                if !target.alterations.isEmpty {
                    for row in try connection.query(
                        """
                        WITH \(Self.latestSigned)
                        SELECT \(Self.localColumns), f.id AS finding_id, f.kind, f.gene, f.report_id, f.body
                        FROM finding f JOIN latest l ON l.case_id = f.case_id JOIN "case" c ON c.id = f.case_id
                        WHERE upper(f.gene) IN (SELECT jsonb_array_elements_text($1::jsonb)) AND f.kind <> 'biomarker'
                        ORDER BY f.case_id, f.position
                        """, [genes])
                    {
                        let finding = try FindingJSON.decode(
                            id: row.text("finding_id"), kind: row.text("kind"), gene: row["gene"],
                            reportId: row["report_id"], body: row.text("body"))
                        if let alteration = Alteration(finding) {
                            ranking.add(Self.candidate(row), alteration: alteration)
                        }
                    }
                    for row in try connection.query(
                        """
                        SELECT \(Self.externalColumns), a.gene, a.class, a.change
                        FROM external_alteration a JOIN external_precedent e ON e.id = a.precedent_id
                        WHERE a.gene IN (SELECT jsonb_array_elements_text($1::jsonb)) ORDER BY e.id, a.position
                        """, [genes])
                    {
                        ranking.add(
                            Self.candidate(row), gene: row.text("gene"), kind: row.text("class"), change: row["change"])
                    }
                }
                let ranked = ranking.ranked(limit: limit)
                return PrecedentList(
                    caseId: caseId, precedents: try ranked.kept.compactMap { try loadPrecedent($0.row, $0.similarity) },
                    compared: ranked.compared)
            }
        }
    }

    /// A kept candidate read in full: its decision and diagnosis, or the partner board's record.
    private func loadPrecedent(_ row: PrecedentCandidate, _ similarity: Similarity) throws -> Precedent? {
        if row.institution != nil {
            return try connection.query("SELECT body FROM external_precedent WHERE id = $1", [row.caseId]).first.map {
                row.precedent(
                    similarity: similarity, external: try Codec.decode(ExternalPrecedent.self, from: $0.text("body")))
            }
        }
        guard
            let source = try connection.query(
                "SELECT d.body, c.diagnosis FROM decision d JOIN \"case\" c ON c.id = d.case_id WHERE d.id = $1",
                [row.decisionId]
            ).first
        else { return nil }
        return row.precedent(
            similarity: similarity, decision: try Codec.decode(Decision.self, from: source.text("body")),
            diagnosis: source.text("diagnosis"), outcomes: try standingOutcomes(caseId: row.caseId))
    }

    public func decidedCases(diagnoses: [String], genes: [String], tree: OncoTree) throws -> [DecidedCase] {
        try run {
            try connection.snapshot {
                let key = try storeIdValue()
                let wanted = Set(genes.map { $0.uppercased() })
                var out: [DecidedCase] = []
                for row in try connection.query(
                    """
                    WITH \(Self.latestSigned)
                    SELECT l.case_id, c.oncotree_code, l.decision_id FROM latest l JOIN "case" c ON c.id = l.case_id
                    ORDER BY l.case_id
                    """)
                {
                    let id = row.text("case_id")
                    if !diagnoses.isEmpty
                        && !BoardStore.isWithin(row["oncotree_code"], diagnoses: diagnoses, tree: tree)
                    {
                        continue
                    }
                    guard let record = try loadCase(id), let decision = try loadDecision(row.text("decision_id"))
                    else { continue }
                    if !wanted.isEmpty
                        && !record.findings.compactMap(Alteration.init).contains(where: {
                            wanted.contains($0.gene)
                        })
                    {
                        continue
                    }
                    out.append(
                        DecidedCase(
                            record: record, decision: decision, outcomes: try standingOutcomes(caseId: id),
                            pseudonym: BoardStore.cohortPseudonym(caseId: id, key: key)))
                }
                return out
            }
        }
    }

    @discardableResult
    public func importCohort(_ file: CohortFile, now: Date) throws -> (added: Int, replaced: Int) {
        try run {
            try connection.transaction {
                let previous = try connection.query(
                    """
                    SELECT id FROM external_precedent WHERE export_id = $1
                       OR (institution = $2 AND id IN (SELECT jsonb_array_elements_text($3::jsonb)))
                    """,
                    [
                        file.exportId, file.institution,
                        try Self.jsonList(file.precedents.map { BoardStore.externalId($0.id, file.institution) }),
                    ]
                ).map { $0.text("id") }
                for id in previous {
                    try connection.query("DELETE FROM external_precedent WHERE id = $1", [id])
                    try connection.query("DELETE FROM search_doc WHERE kind = 'external' AND ref = $1", [id])
                }
                for p in file.precedents {
                    let id = BoardStore.externalId(p.id, file.institution)
                    try connection.query(
                        """
                        INSERT INTO external_precedent(id, export_id, institution, diagnosis, body)
                        VALUES ($1, $2, $3, $4, $5)
                        """, [id, file.exportId, file.institution, p.diagnosis, try Codec.encode(p)])
                    try Self.indexExternal(connection, id: id, p)
                    try putSearch(.external(p, id: id, institution: file.institution))
                }
                try appendAudit(
                    action: "cohort.import", entity: "cohort", entityId: file.exportId,
                    before: previous.isEmpty ? nil : "\(previous.count) precedents",
                    after: "\(file.precedents.count) precedents from \(file.institution)", at: now)
                return (file.precedents.count - min(previous.count, file.precedents.count), previous.count)
            }
        }
    }

    /// A partner precedent's look-up columns (tissue, stage, lines) and its alterations, read from its body: at
    /// import, and again for every precedent a store copy brought (`indexExternals`).
    static func indexExternal(_ connection: PGConnection, id: String, _ p: ExternalPrecedent) throws {
        try connection.query(
            "UPDATE external_precedent SET oncotree_code = $2, stage_group = $3, prior_lines = $4 WHERE id = $1",
            [id, p.oncotreeCode, p.stageGroup, p.priorLines.map(String.init)])
        for (index, a) in p.alterations.enumerated() {
            try connection.query(
                """
                INSERT INTO external_alteration(precedent_id, position, gene, class, change)
                VALUES ($1, $2, $3, $4, $5)
                """, [id, String(index), a.gene, a.alterationClass.rawValue, a.change])
        }
    }

    /// The look-up columns and alterations of every partner precedent in the store (after a store copy).
    static func indexExternals(_ connection: PGConnection) throws {
        for row in try connection.query("SELECT id, body FROM external_precedent ORDER BY id COLLATE \"C\"") {
            try indexExternal(
                connection, id: row.text("id"), try Codec.decode(ExternalPrecedent.self, from: row.text("body")))
        }
    }

    public func externalPrecedentCounts() throws -> [String: Int] {
        try run {
            Dictionary(
                uniqueKeysWithValues: try connection.query(
                    "SELECT institution, count(*) FROM external_precedent GROUP BY institution"
                ).map { ($0[0] ?? "", Int($0[1] ?? "0") ?? 0) })
        }
    }
}
