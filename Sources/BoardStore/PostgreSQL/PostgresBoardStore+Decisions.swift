import BoardModel
import Foundation

/// Decisions on PostgreSQL, with the same rules as on SQLite (BoardStore+Decisions): a save names the version the
/// editor started from and a save over someone else's newer version is refused with both (DecisionConflict); the
/// decision's row is locked for the transaction, so two sites saving at the same moment cannot both win. The signer
/// is the authenticated database role, mapped to a person by the board's settings.
extension PostgresBoardStore: DecisionStore {
    public func decisions(caseId: String) throws -> [Decision] {
        try run {
            try connection.query("SELECT body FROM decision WHERE case_id = $1 ORDER BY created_order", [caseId]).map {
                try Codec.decode(Decision.self, from: $0.text("body"))
            }
        }
    }

    public func decision(id: String) throws -> Decision? {
        try run { try loadDecision(id) }
    }

    /// The decision; `forUpdate` locks its row until the transaction ends.
    func loadDecision(_ id: String, forUpdate: Bool = false) throws -> Decision? {
        try connection.query(
            forUpdate
                ? "SELECT body FROM decision WHERE id = $1 FOR UPDATE" : "SELECT body FROM decision WHERE id = $1",
            [id]
        ).first.map { try Codec.decode(Decision.self, from: $0.text("body")) }
    }

    public func newDecision(caseId: String, meetingId: String?, now: Date) throws -> Decision {
        try run {
            try requireCase(caseId)
            return Decision(
                id: try nextDecisionId(caseId: caseId), caseId: caseId, meetingId: meetingId, version: 0,
                status: .draft, recordedBy: user, recordedAt: now)
        }
    }

    @discardableResult
    public func saveDecision(_ decision: Decision, now: Date) throws -> Decision {
        let problems = decision.validationErrors(forSigning: false)
        if !problems.isEmpty { throw DecisionInvalid(problems: problems) }
        return try run {
            try connection.transaction {
                try requireCase(decision.caseId)
                // A new decision's id is taken under the case's lock, so two sites starting one at once cannot collide.
                try connection.query(
                    "SELECT pg_advisory_xact_lock(hashtext('tumorboard.decision.' || $1))", [decision.caseId])
                var decision = decision
                var stored = try loadDecision(decision.id, forUpdate: true)
                if let stored, DecisionRules.isRetriedFirstSave(decision, stored: stored, by: user) { return stored }
                if DecisionRules.idTakenMeanwhile(decision, stored: stored) {
                    decision.id = try nextDecisionId(caseId: decision.caseId)
                    stored = nil
                }
                if try DecisionRules.checkSave(decision, over: stored) {
                    try checkPresentation(decision, now: now)
                }
                let next = DecisionRules.saved(decision, by: user, now: now)
                try writeDecision(
                    next, previous: stored, action: stored == nil ? "decision.draft" : "decision.save", now: now)
                return next
            }
        }
    }

    @discardableResult
    public func signDecision(id: String, expectedVersion: Int, now: Date) throws -> Decision {
        try run {
            try connection.transaction {
                let stored = try loadDraft(id, forUpdate: true)
                let signed = try DecisionRules.signed(
                    stored, expectedVersion: expectedVersion, right: try signingRight(stored), login: login,
                    requestedBy: try openRequest(decisionId: id)?.requestedBy, now: now)
                try writeDecision(signed, previous: stored, action: "decision.sign", now: now)
                try connection.query("DELETE FROM signoff_request WHERE decision_id = $1", [id])
                if let amended = signed.amends, var old = try loadDecision(amended, forUpdate: true),
                    old.status == .final
                {
                    let before = old
                    old.status = .amended
                    try writeDecision(old, previous: before, action: "decision.superseded", now: now)
                }
                try connection.query(
                    "UPDATE \"case\" SET updated_at = $1 WHERE id = $2", [PGValue.time(now), stored.caseId])
                return signed
            }
        }
    }

    @discardableResult
    public func amendDecision(id: String, reason: String, now: Date) throws -> Decision {
        let why = try DecisionRules.amendmentReason(reason)
        return try run {
            try connection.transaction {
                let stored = try DecisionRules.requireAmendable(loadDecision(id, forUpdate: true), id: id) {
                    try connection.query("SELECT 1 FROM decision WHERE amends = $1", [id]).count > 0
                }
                try connection.query(
                    "SELECT pg_advisory_xact_lock(hashtext('tumorboard.decision.' || $1))", [stored.caseId])
                let amendment = DecisionRules.amendment(
                    of: stored, id: try nextDecisionId(caseId: stored.caseId), reason: why, by: user, now: now)
                try writeDecision(amendment, previous: nil, action: "decision.amend", now: now)
                return amendment
            }
        }
    }

    /// One decision per presentation (as on SQLite): a new decision for a meeting needs the case on its agenda and
    /// no other decision of the case from that meeting; a case presented again is audited with its earlier decision.
    private func checkPresentation(_ decision: Decision, now: Date) throws {
        guard let meetingId = decision.meetingId, decision.amends == nil else { return }
        guard
            try connection.query(
                "SELECT 1 FROM agenda_item WHERE meeting_id = $1 AND case_id = $2", [meetingId, decision.caseId]
            ).count > 0
        else {
            throw StoreError.invalid("case \(decision.caseId) is not on the agenda of meeting \(meetingId)")
        }
        if let other = try connection.query(
            "SELECT id, status FROM decision WHERE case_id = $1 AND meeting_id = $2 AND amends IS NULL LIMIT 1",
            [decision.caseId, meetingId]
        ).first {
            throw DecisionRules.alreadyDecided(
                caseId: decision.caseId, meetingId: meetingId, other: other.text("id"), status: other.text("status"))
        }
        if let earlier = try connection.query(
            """
            SELECT id, meeting_id FROM decision WHERE case_id = $1 AND status <> 'draft' AND (meeting_id IS NULL OR meeting_id <> $2)
            ORDER BY created_order DESC LIMIT 1
            """, [decision.caseId, meetingId]
        ).first {
            let texts = DecisionRules.newPresentation(
                decision, meetingId: meetingId, earlier: earlier.text("id"), earlierMeeting: earlier["meeting_id"])
            try appendAudit(
                action: "decision.new-presentation", entity: "presentation",
                entityId: "\(meetingId) \(decision.caseId)", caseId: decision.caseId, before: texts.before,
                after: texts.after, at: now)
        }
    }

    /// "D-CASE-1", "D-CASE-2", …: the next free number among the case's decisions.
    private func nextDecisionId(caseId: String) throws -> String {
        let prefix = "D-\(caseId)-"
        let ids = try connection.query(
            "SELECT id FROM decision WHERE case_id = $1 AND starts_with(id, $2)", [caseId, prefix])
        let numbers = ids.compactMap { $0[0].flatMap { Int($0.dropFirst(prefix.count)) } }
        return prefix + String((numbers.max() ?? 0) + 1)
    }

    func requireCase(_ caseId: String) throws {
        guard try connection.query("SELECT 1 FROM \"case\" WHERE id = $1", [caseId]).count > 0 else {
            throw StoreError.notFound(kind: "case", id: caseId)
        }
    }

    func loadDraft(_ id: String, forUpdate: Bool = false) throws -> Decision {
        try DecisionRules.requireDraft(loadDecision(id, forUpdate: forUpdate), id: id)
    }

    private func writeDecision(_ decision: Decision, previous: Decision?, action: String, now: Date) throws {
        let body = try Codec.encode(decision)
        try connection.query(
            """
            INSERT INTO decision(id, case_id, meeting_id, version, status, amends, body) VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT(id) DO UPDATE SET version = excluded.version, status = excluded.status,
              meeting_id = excluded.meeting_id, body = excluded.body
            """,
            [
                decision.id, decision.caseId, decision.meetingId, String(decision.version), decision.status.rawValue,
                decision.amends, body,
            ])
        try appendAudit(
            action: action, entity: "decision", entityId: decision.id, caseId: decision.caseId,
            before: try previous.map(Codec.encode), after: body, at: now)
    }
}
