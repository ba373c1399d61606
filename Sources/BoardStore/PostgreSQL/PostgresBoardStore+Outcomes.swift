import BoardModel
import Foundation

/// Outcomes after a decision and the follow-up queue on PostgreSQL, with the rules of the SQLite store
/// (OutcomeRules, FollowUpFacts): validated against the case and its other outcomes, versioned, retracted but never
/// deleted, audited. An outcome's id is numbered under a per-case lock and its row locked while it changes, so two
/// sites recording or correcting at once cannot both win.
extension PostgresBoardStore: OutcomeStore {
    public func outcomes(caseId: String) throws -> [CaseOutcome] {
        try run {
            try requireCase(caseId)
            return try standingOutcomes(caseId: caseId, includingRetracted: true)
        }
    }

    public func outcomes(caseIds: [String]) throws -> [String: [CaseOutcome]] {
        guard !caseIds.isEmpty else { return [:] }
        return try run {
            var result: [String: [CaseOutcome]] = [:]
            for row in try connection.query(
                """
                SELECT case_id, body FROM outcome WHERE case_id IN (SELECT jsonb_array_elements_text($1::jsonb))
                ORDER BY case_id, date, created_order
                """, [try Self.jsonList(Array(Set(caseIds)))])
            {
                let outcome = try Codec.decode(CaseOutcome.self, from: row.text("body"))
                if !outcome.isRetracted { result[row.text("case_id"), default: []].append(outcome) }
            }
            return result
        }
    }

    public func outcome(id: String) throws -> CaseOutcome? {
        try run { try loadOutcome(id) }
    }

    @discardableResult
    public func addOutcome(_ outcome: CaseOutcome, today: LocalDate, now: Date) throws -> CaseOutcome {
        try run { try connection.transaction { try insertOutcome(outcome, today: today, now: now) } }
    }

    @discardableResult
    public func addOutcomes(_ outcomes: [CaseOutcome], today: LocalDate, now: Date) throws -> (
        added: [CaseOutcome], duplicates: [CaseOutcome]
    ) {
        try run { try connection.transaction { try insertOutcomes(outcomes, today: today, now: now) } }
    }

    /// `addOutcomes` inside the caller's transaction (a bundle import adds its outcomes with its cases): ids in the
    /// list tie responses to their treatment start; an outcome the case already has is not added again.
    func insertOutcomes(_ outcomes: [CaseOutcome], today: LocalDate, now: Date) throws -> (
        added: [CaseOutcome], duplicates: [CaseOutcome]
    ) {
        try OutcomeRules.addSeveral(
            outcomes, standing: { try standingOutcomes(caseId: $0, includingRetracted: true) },
            insert: { try insertOutcome($0, today: today, now: now) })
    }

    @discardableResult
    public func correctOutcome(_ outcome: CaseOutcome, today: LocalDate, now: Date) throws -> CaseOutcome {
        try run {
            try connection.transaction {
                guard let stored = try loadOutcome(outcome.id, forUpdate: true) else {
                    throw StoreError.notFound(kind: "outcome", id: outcome.id)
                }
                try OutcomeRules.requireStanding(stored, version: outcome.version)
                var next = outcome
                next.caseId = stored.caseId
                try validate(next, today: today)
                next.version = stored.version + 1
                next.recordedBy = user
                next.recordedAt = now
                try writeOutcome(next, previous: stored, action: "outcome.correct", now: now)
                return next
            }
        }
    }

    @discardableResult
    public func retractOutcome(id: String, version: Int, reason: String, now: Date) throws -> CaseOutcome {
        try run {
            try connection.transaction {
                guard let stored = try loadOutcome(id, forUpdate: true) else {
                    throw StoreError.notFound(kind: "outcome", id: id)
                }
                let why = try OutcomeRules.retractionReason(reason, caseId: stored.caseId)
                try OutcomeRules.requireStanding(stored, version: version)
                try OutcomeRules.requireNoDependants(
                    on: stored, standing: try standingOutcomes(caseId: stored.caseId),
                    diagnosisCode: try diagnosisCode(stored.caseId))
                let next = OutcomeRules.retracted(stored, reason: why, by: user, at: now)
                try writeOutcome(next, previous: stored, action: "outcome.retract", now: now)
                return next
            }
        }
    }

    /// A new outcome inside the caller's transaction: the store gives the id ("O-<case>-<n>", numbered under the
    /// case's lock) and version 1.
    private func insertOutcome(_ outcome: CaseOutcome, today: LocalDate, now: Date) throws -> CaseOutcome {
        var next = outcome
        next.id = ""  // a new outcome is no other's correction
        try OutcomeRules.requireNew(outcome)
        try validate(next, today: today)
        try connection.query(
            "SELECT pg_advisory_xact_lock(hashtext('tumorboard.outcome.' || $1))", [outcome.caseId])
        let prefix = "O-\(outcome.caseId)-"
        let numbers = try connection.query(
            "SELECT id FROM outcome WHERE case_id = $1 AND starts_with(id, $2)", [outcome.caseId, prefix]
        ).compactMap { $0[0].flatMap { Int($0.dropFirst(prefix.count)) } }
        next.id = prefix + String((numbers.max() ?? 0) + 1)
        next.version = 1
        next.recordedBy = user
        next.recordedAt = now
        try writeOutcome(next, previous: nil, action: "outcome.add", now: now)
        return next
    }

    private func validate(_ outcome: CaseOutcome, today: LocalDate) throws {
        try requireCase(outcome.caseId)
        let decisionOfCase =
            try outcome.decisionId.map {
                try connection.query(
                    "SELECT 1 FROM decision WHERE id = $1 AND case_id = $2", [$0, outcome.caseId]
                ).count > 0
            } ?? true
        try OutcomeRules.validate(
            outcome, diagnosisCode: try diagnosisCode(outcome.caseId),
            others: try standingOutcomes(caseId: outcome.caseId), today: today, decisionOfCase: decisionOfCase)
    }

    private func diagnosisCode(_ caseId: String) throws -> String? {
        try connection.query("SELECT oncotree_code FROM \"case\" WHERE id = $1", [caseId]).first?["oncotree_code"]
    }

    private func writeOutcome(_ outcome: CaseOutcome, previous: CaseOutcome?, action: String, now: Date) throws {
        let body = try Codec.encode(outcome)
        try connection.query(
            """
            INSERT INTO outcome(id, case_id, date, kind, decision_id, version, body) VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT(id) DO UPDATE SET date = excluded.date, kind = excluded.kind,
                decision_id = excluded.decision_id, version = excluded.version, body = excluded.body
            """,
            [
                outcome.id, outcome.caseId, outcome.date.description, outcome.kind.rawValue, outcome.decisionId,
                String(outcome.version), body,
            ])
        try connection.query(
            "UPDATE \"case\" SET updated_at = $1 WHERE id = $2", [PGValue.time(now), outcome.caseId])
        try appendAudit(
            action: action, entity: "outcome", entityId: outcome.id, caseId: outcome.caseId,
            before: try previous.map(Codec.encode), after: body, at: now)
    }

    /// The case's outcomes by date, then in the order recorded: the standing ones, or all with `includingRetracted`.
    func standingOutcomes(caseId: String, includingRetracted: Bool = false) throws -> [CaseOutcome] {
        try connection.query("SELECT body FROM outcome WHERE case_id = $1 ORDER BY date, created_order", [caseId])
            .map { try Codec.decode(CaseOutcome.self, from: $0.text("body")) }
            .filter { includingRetracted || !$0.isRetracted }
    }

    /// The outcome; `forUpdate` locks its row until the transaction ends.
    private func loadOutcome(_ id: String, forUpdate: Bool = false) throws -> CaseOutcome? {
        try connection.query(
            "SELECT body FROM outcome WHERE id = $1" + (forUpdate ? " FOR UPDATE" : ""), [id]
        ).first.map { try Codec.decode(CaseOutcome.self, from: $0.text("body")) }
    }

    static func jsonList(_ values: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(values), as: UTF8.self)
    }

    // MARK: The follow-up queue

    public func followUpQueue(today: LocalDate, dueBy: LocalDate?) throws -> [FollowUpItem] {
        try run {
            let rules = try readFollowUpRules()
            return try connection.query(
                """
                SELECT d.id, d.case_id, c.diagnosis,
                  d.body::jsonb #>> '{followUp,date}' AS follow_date,
                  d.body::jsonb #>> '{followUp,intervalWeeks}' AS weeks,
                  d.body::jsonb #>> '{followUp,represent}' AS represent,
                  d.body::jsonb ->> 'signedAt' AS signed_ms,
                  (SELECT dm.starts_at FROM meeting dm WHERE dm.id = d.meeting_id) AS decided_at,
                  EXISTS (SELECT 1 FROM jsonb_array_elements(coalesce(d.body::jsonb -> 'recommendations', '[]')) r
                          WHERE r.value ->> 'kind' IN (SELECT jsonb_array_elements_text($1::jsonb))) AS treats,
                  (SELECT max(o.date) FROM outcome o WHERE o.case_id = d.case_id
                   AND o.body::jsonb -> 'retraction' IS NULL) AS last_outcome,
                  EXISTS (SELECT 1 FROM outcome o WHERE o.case_id = d.case_id
                          AND o.kind IN ('death', 'lost-to-follow-up')
                          AND o.body::jsonb -> 'retraction' IS NULL) AS ended,
                  (SELECT max(m.starts_at) FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id
                   WHERE a.case_id = d.case_id) AS last_meeting
                FROM decision d JOIN "case" c ON c.id = d.case_id
                WHERE d.status = 'final' AND c.status <> 'closed'
                  AND NOT EXISTS (SELECT 1 FROM decision e WHERE e.case_id = d.case_id AND e.status = 'final'
                                  AND e.created_order > d.created_order)
                """, [try Self.jsonList(BoardStore.treatmentKinds.map(\.rawValue))]
            ).compactMap { row in
                FollowUpFacts(
                    caseId: row.text("case_id"), decisionId: row.text("id"), diagnosis: row.text("diagnosis"),
                    followDate: row["follow_date"], intervalWeeks: row.int("weeks"), represent: row["represent"],
                    signedMs: row["signed_ms"].flatMap(Double.init),
                    meetingStart: row["decided_at"].flatMap(Double.init),
                    treats: row["treats"] == "t", lastOutcome: row["last_outcome"], ended: row["ended"] == "t",
                    lastMeeting: row["last_meeting"].flatMap(Double.init)
                ).item(rules: rules, today: today, dueBy: dueBy ?? today)
            }.sorted { ($0.dueOn, $0.caseId) < ($1.dueOn, $1.caseId) }
        }
    }

    public func followUpRules() throws -> FollowUpRules {
        try run { try readFollowUpRules() }
    }

    private func readFollowUpRules() throws -> FollowUpRules {
        func value(_ key: String) throws -> Int? {
            try connection.query("SELECT value FROM board_setting WHERE key = $1", [key]).first?["value"]
                .flatMap { Int($0) }
        }
        let standard = FollowUpRules.standard
        return FollowUpRules(
            noOutcomeDays: try value("followup.no-outcome-days") ?? standard.noOutcomeDays,
            overdueAfterDays: try value("followup.overdue-after-days") ?? standard.overdueAfterDays)
    }

    public func setFollowUpRules(_ rules: FollowUpRules, now: Date) throws {
        try FollowUpRules.check(rules)
        try run {
            try connection.transaction {
                for (key, days) in rules.settings {
                    let before = try connection.query("SELECT value FROM board_setting WHERE key = $1", [key]).first?[
                        "value"]
                    if before == String(days) { continue }
                    try connection.query(
                        """
                        INSERT INTO board_setting(key, value) VALUES ($1, $2)
                        ON CONFLICT(key) DO UPDATE SET value = excluded.value
                        """, [key, String(days)])
                    try appendAudit(
                        action: "setting.change", entity: "board_setting", entityId: key, before: before,
                        after: String(days), at: now)
                }
            }
        }
    }

    /// Puts a case of the queue on the next meeting of the board that made its decision and writes why as a note,
    /// in one transaction (both audited), as on SQLite.
    @discardableResult
    public func scheduleFollowUp(_ item: FollowUpItem, now: Date) throws -> MeetingSummary {
        try run {
            try connection.transaction {
                guard
                    let meetingId = try connection.query(
                        """
                        SELECT m.id FROM meeting m
                        WHERE m.board_id = (SELECT dm.board_id FROM decision d JOIN meeting dm ON dm.id = d.meeting_id
                                            WHERE d.id = $1)
                          AND m.status <> 'closed' AND m.starts_at >= $2 ORDER BY m.starts_at LIMIT 1
                        """, [item.decisionId, PGValue.time(now)]
                    ).first?["id"]
                else {
                    throw StoreError.invalid(
                        "no meeting ahead for the board that made decision \(item.decisionId): plan one first")
                }
                guard
                    try !addToAgendaLocked(
                        meetingId: meetingId, caseIds: [item.caseId], presenter: nil, plannedMinutes: nil, now: now
                    ).isEmpty
                else {
                    throw StoreError.invalid("case \(item.caseId) is already on the agenda of meeting \(meetingId)")
                }
                _ = try insertNote(
                    caseId: item.caseId, findingId: nil, trialId: nil,
                    text: "Back for follow-up (meeting \(meetingId)): " + item.reasonText, meetingId: nil, now: now)
                guard
                    let row = try connection.query(
                        """
                        SELECT m.*, b.name AS board_name,
                          (SELECT count(*) FROM agenda_item a WHERE a.meeting_id = m.id) AS case_count
                        FROM meeting m JOIN board b ON b.id = m.board_id WHERE m.id = $1
                        """, [meetingId]
                    ).first
                else { throw StoreError.notFound(kind: "meeting", id: meetingId) }
                return Self.meetingSummary(row)
            }
        }
    }
}
