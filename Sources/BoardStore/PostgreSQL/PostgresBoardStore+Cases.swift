import BoardModel
import Foundation

/// Cases on PostgreSQL: the lists, one case's record, saving a case with its patient and findings, and corrections,
/// audited as on SQLite. Not yet here: findings attached from lab files (import on PostgreSQL), evidence the store
/// keeps, and the search index (docs/postgresql.md).
extension PostgresBoardStore: CaseStore {
    public func saveCase(_ record: Case, now: Date) throws {
        try run { try connection.transaction { _ = try writeCase(record, now: now) } }
    }

    /// Makes a new case, refused with `StoreError.alreadyExists` when the id is taken. The case row is claimed with
    /// one INSERT that does nothing when the id exists (`writeCase(new:)`), which every writer of a new case uses: of
    /// two sites adding one id at once, or an add and an import, the second waits for the first to end and then sees
    /// its case, so one case is made and the other is refused (an import then updates it as any stored case). No lock
    /// on the case table, so an add waits for no other case's write and cannot deadlock with a sign-off.
    public func addCase(_ record: Case, now: Date) throws {
        try run { try connection.transaction { _ = try writeCase(record, now: now, new: true) } }
    }

    /// Saves a case with its patient and findings inside the caller's transaction; says whether it created, changed
    /// or kept it. A record of another patient under an existing case id is refused, never re-pointed.
    /// `batch`: an import's many cases send their findings together (`CaseWriteBatch`) and count them there.
    /// `new`: only a new case is made (`StoreError.alreadyExists` otherwise). A case another session creates between
    /// this one's read and its write is found by the write's claim: refused when `new`, else read again and updated.
    @discardableResult
    func writeCase(
        _ given: Case, now: Date, knowledge: EvidenceIndex? = nil, batch: CaseWriteBatch? = nil, new: Bool = false
    ) throws -> ImportSummary.Change {
        var record = given
        knowledge?.apply(toFindingsOf: &record)
        let existing = try connection.query(
            "SELECT status, patient_id, body FROM \"case\" WHERE id = $1 FOR UPDATE", [record.id]
        ).first
        if new, existing != nil { throw StoreError.alreadyExists(kind: "case", id: record.id) }
        if let owner = existing?["patient_id"], owner != record.patient.id {
            let ownerPatient = try connection.query("SELECT body FROM patient WHERE id = $1", [owner]).first
                .map { try Codec.decode(Patient.self, from: $0.text("body")) }
            record.patient.id = try CaseIdentityCheck.keptPatientId(
                of: record, owner: owner, ownerPatient: ownerPatient)
        }
        let oldCase = try existing.map { try Codec.decode(Case.self, from: $0.text("body")) }
        if let batch, batch.holds(record.id) { try batch.flush(on: connection) }
        // A case not stored yet has no findings (they reference it).
        let stored =
            existing == nil
            ? []
            : try connection.query(
                """
                SELECT id, kind, gene, label, best_rank, report_id, position, body FROM finding WHERE case_id = $1
                ORDER BY position
                """, [record.id]
            ).map(StoredFinding.init(row:))
        let rewrite = try RecordRewrite(record, over: oldCase, stored: stored)
        record = rewrite.record
        let body = try Codec.encode(rewrite.shell)
        let caseChanged = existing?["body"] != body
        try savePatient(record.patient)
        if existing == nil, try !saveCaseRow(rewrite, body: body, now: now, claim: true) {
            // Another session made this case after the read above and has committed it.
            if new { throw StoreError.alreadyExists(kind: "case", id: record.id) }
            return try writeCase(given, now: now, knowledge: knowledge, batch: batch)
        }
        batch?.note(Self.findingChanges(rewrite, stored: stored))
        if !caseChanged && !rewrite.findingsChanged { return .unchanged }
        if existing != nil { try saveCaseRow(rewrite, body: body, now: now, claim: false) }
        try auditCase(record, oldStatus: existing?["status"], updated: existing != nil && caseChanged, now: now)
        if rewrite.findingsChanged { try replaceFindings(rewrite, audited: existing != nil, batch: batch, now: now) }
        try putSearch(.caseDetails(record))
        try putSearch(.findings(record, labFileTerms: rewrite.kept.isEmpty ? [] : try labFileLabels(caseId: record.id)))
        return existing == nil ? .created : .updated
    }

    /// What happened to each of the record's findings, for the import's account.
    private static func findingChanges(_ rewrite: RecordRewrite, stored: [StoredFinding]) -> [ImportSummary.Change] {
        let before = Dictionary(stored.map { ($0.id, $0.content) }, uniquingKeysWith: { a, _ in a })
        return rewrite.newFindings.map { row in
            guard rewrite.findingsChanged else { return .unchanged }
            guard let old = before[row.id] else { return .created }
            return old == row.content ? .unchanged : .updated
        }
    }

    /// The patient row with its list columns (as on SQLite); an unchanged body is not rewritten.
    private func savePatient(_ patient: Patient) throws {
        try connection.query(
            """
            INSERT INTO patient(id, pseudonym, display_name, initials, birth_date, sex, body) VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT(id) DO UPDATE SET pseudonym = excluded.pseudonym, display_name = excluded.display_name,
              initials = excluded.initials, birth_date = excluded.birth_date, sex = excluded.sex, body = excluded.body
              WHERE patient.body <> excluded.body
            """,
            [
                patient.id, patient.pseudonym, patient.name.display, patient.initials, patient.birthDate?.description,
                patient.sex.rawValue, try Codec.encode(patient),
            ])
    }

    /// The case row with the columns the lists read, so a list never decodes the body. `claim`: a new case's row,
    /// inserted only if no row has its id (waiting for a session inserting the same id to end); false when one has.
    @discardableResult
    private func saveCaseRow(_ rewrite: RecordRewrite, body: String, now: Date, claim: Bool) throws -> Bool {
        let record = rewrite.record
        let written = try connection.query(
            """
            INSERT INTO "case"(id, patient_id, status, oncotree_code, diagnosis, stage_group, ecog, missing, finding_count,
              top_finding, body, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            """
                + (claim
                    ? " ON CONFLICT(id) DO NOTHING RETURNING 1"
                    : """
                     ON CONFLICT(id) DO UPDATE SET patient_id = excluded.patient_id, status = excluded.status,
                      oncotree_code = excluded.oncotree_code, diagnosis = excluded.diagnosis, stage_group = excluded.stage_group,
                      ecog = excluded.ecog, missing = excluded.missing, finding_count = excluded.finding_count,
                      top_finding = excluded.top_finding, body = excluded.body, updated_at = excluded.updated_at
                    RETURNING 1
                    """),
            [
                record.id, record.patient.id, record.status.rawValue, record.diagnosis.oncotreeCode,
                record.diagnosis.text, record.stage?.group, record.performance?.ecog.map(String.init),
                rewrite.missing.map(\.rawValue).joined(separator: ","), String(rewrite.findingCount),
                rewrite.topFinding,
                body, PGValue.time(now),
            ])
        return written.count > 0
    }

    /// A changed status, and a change to a case that existed, each leave an audit event.
    private func auditCase(_ record: Case, oldStatus: String?, updated: Bool, now: Date) throws {
        if oldStatus != record.status.rawValue {
            try appendAudit(
                action: "case.status", entity: "case", entityId: record.id, caseId: record.id, before: oldStatus,
                after: record.status.rawValue, at: now)
        }
        if updated {
            try appendAudit(action: "case.update", entity: "case", entityId: record.id, caseId: record.id, at: now)
        }
    }

    /// Replaces the record's own findings as a set (one DELETE, one COPY, or the batch's); the kept lab-file rows
    /// move after them. `audited` (a case that existed) audits the new count.
    private func replaceFindings(_ rewrite: RecordRewrite, audited: Bool, batch: CaseWriteBatch?, now: Date) throws {
        let record = rewrite.record
        if !rewrite.storedOwn.isEmpty {
            try connection.query(
                "DELETE FROM finding WHERE case_id = $1 AND id = ANY($2::text[])",
                [record.id, Self.array(rewrite.storedOwn.map(\.id))])
        }
        if rewrite.keptMustMove {
            try connection.query(
                "UPDATE finding SET position = position + $2 WHERE case_id = $1",
                [record.id, String(record.findings.count)])
        }
        let rows = zip(rewrite.newFindings, record.findings).map { row, finding in
            PostgresFindingRow(caseId: record.id, stored: row, filtered: finding.isFiltered)
        }
        if let batch {
            try batch.add(rows, of: record.id, on: connection)
        } else {
            try connection.copy("COPY finding(\(PostgresFindingRow.columns)) FROM STDIN", rows: rows.map(\.values))
        }
        if audited {
            try appendAudit(
                action: "case.findings", entity: "case", entityId: record.id, caseId: record.id,
                before: "\(rewrite.storedOwn.count + rewrite.kept.count) findings",
                after: "\(rewrite.findingCount) findings", at: now)
        }
    }

    /// Search terms of the lab-file findings a record's rewrite kept: distinct labels of PASS rows, best evidence
    /// first, then in file order (SQLite's `SearchIndex.findingLabels(labFilesOnly:)`).
    private func labFileLabels(caseId: String) throws -> [String] {
        try connection.query(
            """
            SELECT label FROM finding WHERE case_id = $1 AND strpos(body, '"filter":') = 0
              AND substr(report_id, 1, 4) IN ('vcf:', 'maf:')
            GROUP BY label ORDER BY min(best_rank), min(position), label COLLATE "C" LIMIT $2
            """, [caseId, String(SearchIndex.findingLabelLimit)]
        ).map { $0.text("label") }
    }

    public func setCaseStatus(caseId: String, to status: CaseStatus, now: Date) throws {
        try run { try connection.transaction { try setStatusLocked(caseId: caseId, to: status, now: now) } }
    }

    @discardableResult
    public func editCase(id: String, field: CaseField, to typed: String, now: Date) throws -> Case {
        try run {
            try connection.transaction {
                guard let body = try lockedCaseBody(id) else { throw StoreError.notFound(kind: "case", id: id) }
                let before = try Codec.decode(Case.self, from: body)
                var record = before
                try field.apply(typed, to: &record)
                guard record != before else { return record }
                let findings =
                    Int(try connection.query("SELECT finding_count FROM \"case\" WHERE id = $1", [id]).first?[0] ?? "0")
                    ?? 0
                var missing = record.missingData
                if findings > 0 { missing.removeAll { $0 == .molecularReport } }
                try connection.query(
                    """
                    UPDATE "case" SET oncotree_code = $1, diagnosis = $2, stage_group = $3, ecog = $4, missing = $5,
                      body = $6, updated_at = $7 WHERE id = $8
                    """,
                    [
                        record.diagnosis.oncotreeCode, record.diagnosis.text, record.stage?.group,
                        record.performance?.ecog.map(String.init), missing.map(\.rawValue).joined(separator: ","),
                        try Codec.encode(record), PGValue.time(now), id,
                    ])
                try putSearch(.caseDetails(record))
                try appendAudit(
                    action: "case.edit", entity: "case", entityId: id, caseId: id,
                    before: "\(field.rawValue): \(field.value(of: before))",
                    after: "\(field.rawValue): \(field.value(of: record))", at: now)
                return record
            }
        }
    }

    /// The case's stored body, its row locked until the transaction ends (two terminals editing one case wait).
    private func lockedCaseBody(_ id: String) throws -> String? {
        try connection.query("SELECT body FROM \"case\" WHERE id = $1 FOR UPDATE", [id]).first?["body"]
    }

    /// The case with its findings, or nil.
    /// A case with all its findings (`findings: false`: without them, for the caller to read what it needs).
    func loadCase(_ id: String, findings: Bool = true) throws -> Case? {
        guard let body = try connection.query("SELECT body FROM \"case\" WHERE id = $1", [id]).first?["body"] else {
            return nil
        }
        var record = try Codec.decode(Case.self, from: body)
        guard findings else { return record }
        record.findings = try connection.query(
            "SELECT id, kind, gene, report_id, body FROM finding WHERE case_id = $1 ORDER BY position", [id]
        ).map(PostgresFindingList.finding)
        return record
    }

    /// One page of a case's findings in the Molecular tab's order (`kinds` nil: every kind).
    public func findingPage(caseId: String, kinds: [FindingKind]?, from anchor: FindingListAnchor, limit: Int) throws
        -> [FindingListRow]
    {
        try run { try PostgresFindingList.page(connection, caseId: caseId, kinds: kinds, from: anchor, limit: limit) }
    }

    /// One finding of a case, by id.
    public func finding(caseId: String, id: String) throws -> Finding? {
        try run {
            try connection.query(
                "SELECT id, kind, gene, report_id, body FROM finding WHERE case_id = $1 AND id = $2", [caseId, id]
            ).first.map(PostgresFindingList.finding)
        }
    }

    public func caseRecord(id: String, on day: LocalDate) throws -> CaseRecord? {
        try caseRecord(id: id, on: day, findings: .all)
    }

    /// One case for the case screen: with `.summary`, a case of more than `FindingList.wholeCaseLimit` findings holds
    /// only its matching summary and the findings its notes, decisions and evidence name (`findingsPartial`), as on
    /// SQLite; the Molecular tab reads the rest by page (`findingPage`). The counts come from `finding_count`. All
    /// its reads go to the server in one round trip, in one snapshot (`PostgresCaseRead`).
    public func caseRecord(id: String, on day: LocalDate, findings load: CaseFindings) throws -> CaseRecord? {
        try run {
            let summary = load == .summary
            let rows = try connection.snapshotReads(PostgresCaseRead.statements(id: id, summary: summary))
            return try PostgresCaseRead.record(rows, summary: summary, on: day)
        }
    }

    public func cases(meetingId: String?, limit: Int, offset: Int) throws -> [CaseHeadline] {
        try run {
            if let meetingId {
                guard try connection.query("SELECT 1 FROM meeting WHERE id = $1", [meetingId]).count > 0 else {
                    throw StoreError.notFound(kind: "meeting", id: meetingId)
                }
                return try connection.query(
                    """
                    SELECT \(Self.headlineColumns) FROM agenda_item a JOIN "case" c ON c.id = a.case_id
                    JOIN patient p ON p.id = c.patient_id WHERE a.meeting_id = $1 ORDER BY a.position
                    """, [meetingId]
                ).map(Self.headline)
            }
            return try connection.query(
                """
                SELECT \(Self.headlineColumns) FROM "case" c JOIN patient p ON p.id = c.patient_id
                ORDER BY c.id COLLATE "C" LIMIT $1 OFFSET $2
                """, [String(limit), String(offset)]
            ).map(Self.headline)
        }
    }

    public func headline(caseId: String) throws -> CaseHeadline? {
        try run {
            try connection.query(
                "SELECT \(Self.headlineColumns) FROM \"case\" c JOIN patient p ON p.id = c.patient_id WHERE c.id = $1",
                [caseId]
            ).first.map(Self.headline)
        }
    }

    public func backlog(limit: Int, offset: Int) throws -> [CaseHeadline] {
        try run {
            try connection.query(
                """
                SELECT \(Self.headlineColumns) FROM "case" c JOIN patient p ON p.id = c.patient_id
                WHERE \(Self.backlogCondition)
                ORDER BY c.status = 'deferred' DESC, c.updated_at DESC, c.id COLLATE "C" LIMIT $1 OFFSET $2
                """, [String(limit), String(offset)]
            ).map(Self.headline)
        }
    }

    public func backlogCount() throws -> Int {
        try run {
            Int(
                try connection.query("SELECT count(*) FROM \"case\" c WHERE \(Self.backlogCondition)").first?[0] ?? "0")
                ?? 0
        }
    }

    public func counts() throws -> [String: Int] {
        try run {
            let row = try connection.query(
                """
                SELECT (SELECT count(*) FROM board) AS boards, (SELECT count(*) FROM "case") AS cases,
                  (SELECT count(*) FROM finding) AS findings, (SELECT count(*) FROM trial) AS trials,
                  (SELECT count(*) FROM meeting) AS meetings, (SELECT count(DISTINCT id) FROM note) AS notes,
                  (SELECT count(*) FROM decision) AS decisions, (SELECT count(*) FROM audit_event) AS audit_events,
                  (SELECT count(*) FROM trial_match) AS trial_matches
                """
            ).first
            var result: [String: Int] = [:]
            for name in ["boards", "cases", "findings", "trials", "meetings", "notes", "decisions"] {
                result[name] = row?.int(name) ?? 0
            }
            result["audit events"] = row?.int("audit_events") ?? 0
            result["trial matches"] = row?.int("trial_matches") ?? 0
            return result
        }
    }

    public func requireSamePatient(caseId: String, records: [Case]) throws {
        try CaseIdentityCheck.require(caseId: caseId, records: records) { try run { try loadCase(caseId) } }
    }

    /// Open cases not on the agenda of a meeting that is still open (as on SQLite). `status NOT IN ('closed')` is
    /// `status <> 'closed'` to the planner, so the backlog's order index (schema 9, partial on open cases) serves it.
    static let backlogCondition = """
        c.status NOT IN ('closed') AND NOT EXISTS (
            SELECT 1 FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id
            WHERE a.case_id = c.id AND m.status <> 'closed')
        """

    static let headlineColumns = """
        c.id AS c_id, c.status AS c_status, c.diagnosis AS c_diagnosis, c.oncotree_code AS c_code, c.stage_group AS c_stage,
        c.ecog AS c_ecog, c.missing AS c_missing, c.finding_count AS c_findings, c.top_finding AS c_top,
        p.pseudonym AS p_pseudonym, p.display_name AS p_name, p.initials AS p_initials, p.birth_date AS p_birth,
        p.sex AS p_sex, p.vital_status AS p_vital, p.deceased_on AS p_died,
        (SELECT string_agg(i->>'value', chr(31)) FROM jsonb_array_elements(
            CASE WHEN jsonb_typeof(p.body::jsonb->'identifiers') = 'array' THEN p.body::jsonb->'identifiers' END) i)
            AS p_identifiers
        """

    static func headline(_ row: PGRow) -> CaseHeadline {
        CaseHeadline(
            id: row.text("c_id"), patientName: row.text("p_name"), pseudonym: row.text("p_pseudonym"),
            initials: row.text("p_initials"), birthDate: row["p_birth"].flatMap(LocalDate.init),
            sex: Sex(rawValue: row.text("p_sex")) ?? .unknown, diagnosis: row.text("c_diagnosis"),
            oncotreeCode: row["c_code"], stageGroup: row["c_stage"], ecog: row.int("c_ecog"),
            status: CaseStatus(rawValue: row.text("c_status")) ?? .new,
            missing: row.text("c_missing").split(separator: ",").compactMap { MissingItem(rawValue: String($0)) },
            findingCount: row.int("c_findings") ?? 0, topFinding: row["c_top"],
            vitalStatus: row["p_vital"].flatMap(VitalStatus.init(rawValue:)) ?? .unknown,
            deceasedOn: row["p_died"].flatMap(LocalDate.init),
            identifiers: CaseHeadline.identifiers(row["p_identifiers"]))
    }

    static func note(_ row: PGRow) -> Note {
        Note(
            id: row.text("id"),
            target: NoteTarget(caseId: row.text("case_id"), findingId: row["finding_id"], trialId: row["trial_id"]),
            author: row.text("author"), text: row.text("text"), writtenAt: row.date("written_at") ?? Date(),
            version: row.int("version") ?? 1, meetingId: row["meeting_id"])
    }

    static func meetingSummary(_ row: PGRow) -> MeetingSummary {
        MeetingSummary(
            id: row.text("id"), boardId: row.text("board_id"), boardName: row.text("board_name"),
            startsAt: row.date("starts_at") ?? Date(), status: MeetingStatus(rawValue: row.text("status")) ?? .planned,
            location: row["location"], chair: row["chair"], caseCount: row.int("case_count") ?? 0)
    }
}
