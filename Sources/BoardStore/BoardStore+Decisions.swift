import BoardModel
import Foundation
import GRDB

/// Two people edited the same decision: the later save carries both versions instead of overwriting.
public struct DecisionConflict: Error, CustomStringConvertible, Sendable {
    public var mine: Decision
    public var theirs: Decision
    public var description: String {
        "decision \(theirs.id) was changed by \(theirs.recordedBy) (now version \(theirs.version)); compare both versions before saving"
    }
}

/// A decision that breaks its rules; each problem names its field.
public struct DecisionInvalid: Error, CustomStringConvertible, Sendable {
    public var problems: [DecisionProblem]
    public var description: String { problems.map(\.description).joined(separator: "; ") }
}

extension BoardStore {
    /// The decision records of a case, oldest first.
    public func decisions(caseId: String) throws -> [Decision] {
        try run {
            try db.read { db in
                try String.fetchAll(
                    db, sql: "SELECT body FROM decision WHERE case_id = ? ORDER BY rowid", arguments: [caseId]
                )
                .map { try Codec.decode(Decision.self, from: $0) }
            }
        }
    }

    public func decision(id: String) throws -> Decision? {
        try run { try db.read { db in try Self.loadDecision(db, id: id) } }
    }

    static func loadDecision(_ db: Database, id: String) throws -> Decision? {
        try String.fetchOne(db, sql: "SELECT body FROM decision WHERE id = ?", arguments: [id]).map {
            try Codec.decode(Decision.self, from: $0)
        }
    }

    /// A fresh draft for a case (not yet saved), numbered after the case's earlier decisions.
    public func newDecision(caseId: String, meetingId: String? = nil, now: Date = Date()) throws -> Decision {
        try run {
            try db.read { db in
                try requireCase(db, caseId)
                let id = try Self.nextId(db, prefix: "D-\(caseId)-", table: "decision")
                return Decision(
                    id: id, caseId: caseId, meetingId: meetingId, version: 0, status: .draft, recordedBy: user,
                    recordedAt: now)
            }
        }
    }

    /// Saves a draft decision. `decision.version` is the version the editor started from (0 for new);
    /// if the store holds another version, nothing is written and `DecisionConflict` carries both.
    /// A final decision is never changed here: amend it instead.
    @discardableResult
    public func saveDecision(_ decision: Decision, now: Date = Date()) throws -> Decision {
        let problems = decision.validationErrors(forSigning: false)
        if !problems.isEmpty { throw DecisionInvalid(problems: problems) }
        return try run {
            try db.write { db in
                try requireCase(db, decision.caseId)
                var decision = decision
                var stored = try Self.loadDecision(db, id: decision.id)
                if let stored, DecisionRules.isRetriedFirstSave(decision, stored: stored, by: user) { return stored }
                if DecisionRules.idTakenMeanwhile(decision, stored: stored) {
                    decision.id = try Self.nextId(db, prefix: "D-\(decision.caseId)-", table: "decision")
                    stored = nil
                }
                if try DecisionRules.checkSave(decision, over: stored) {
                    try Self.checkPresentation(db, decision, user: user, now: now)
                }
                let next = DecisionRules.saved(decision, by: user, now: now)
                try write(
                    next, previous: stored, action: stored == nil ? "decision.draft" : "decision.save", db: db, now: now
                )
                return next
            }
        }
    }

    /// Finalises a decision: the chair (or a delegate the chair named) signs it from their own login after seeing
    /// its summary. The signer is this process's operating-system login (`login`), mapped to a person by the
    /// board's settings; whoever else holds the keyboard can only `requestSignoff`. It must pass the signing rules.
    @discardableResult
    public func signDecision(id: String, expectedVersion: Int, now: Date = Date()) throws -> Decision {
        try run {
            try db.write { db in
                let stored = try Self.loadDraft(db, id: id)
                let signed = try DecisionRules.signed(
                    stored, expectedVersion: expectedVersion, right: try signingRight(db, stored), login: login,
                    requestedBy: try Self.openRequest(db, decisionId: id)?.requestedBy, now: now)
                try write(signed, previous: stored, action: "decision.sign", user: login, db: db, now: now)
                try db.execute(sql: "DELETE FROM signoff_request WHERE decision_id = ?", arguments: [id])
                // An amendment, once signed, supersedes the decision it amends.
                if let amended = signed.amends, var old = try Self.loadDecision(db, id: amended), old.status == .final {
                    let before = old
                    old.status = .amended
                    try write(old, previous: before, action: "decision.superseded", db: db, now: now)
                }
                try db.execute(
                    sql: "UPDATE \"case\" SET updated_at = ? WHERE id = ?",
                    arguments: [now.timeIntervalSince1970, stored.caseId])
                return signed
            }
        }
    }

    /// One decision per presentation: a new decision (not an amendment) for a meeting needs the case on that meeting's
    /// agenda and no other decision of the case from that meeting. A case presented again gets a new decision rather
    /// than an amendment of the old one, and the step is audited with the earlier decision it follows.
    static func checkPresentation(_ db: Database, _ decision: Decision, user: String, now: Date) throws {
        guard let meetingId = decision.meetingId, decision.amends == nil else { return }
        guard
            try Int.fetchOne(
                db, sql: "SELECT 1 FROM agenda_item WHERE meeting_id = ? AND case_id = ?",
                arguments: [meetingId, decision.caseId]) != nil
        else {
            throw StoreError.invalid("case \(decision.caseId) is not on the agenda of meeting \(meetingId)")
        }
        if let other = try Row.fetchOne(
            db,
            sql: "SELECT id, status FROM decision WHERE case_id = ? AND meeting_id = ? AND amends IS NULL LIMIT 1",
            arguments: [decision.caseId, meetingId])
        {
            throw DecisionRules.alreadyDecided(
                caseId: decision.caseId, meetingId: meetingId, other: other["id"], status: other["status"])
        }
        if let earlier = try Row.fetchOne(
            db,
            sql: """
                SELECT id, meeting_id FROM decision WHERE case_id = ? AND status <> 'draft' AND (meeting_id IS NULL OR meeting_id <> ?)
                ORDER BY rowid DESC LIMIT 1
                """, arguments: [decision.caseId, meetingId])
        {
            let texts = DecisionRules.newPresentation(
                decision, meetingId: meetingId, earlier: earlier["id"], earlierMeeting: earlier["meeting_id"])
            try AuditTrail.append(
                db, user: user, action: "decision.new-presentation", entity: "presentation",
                entityId: "\(meetingId) \(decision.caseId)", caseId: decision.caseId, before: texts.before,
                after: texts.after, at: now)
        }
    }

    /// Starts an amendment of a final decision: a new draft that points to it, with the reason.
    @discardableResult
    public func amendDecision(id: String, reason: String, now: Date = Date()) throws -> Decision {
        let why = try DecisionRules.amendmentReason(reason)
        return try run {
            try db.write { db in
                let stored = try DecisionRules.requireAmendable(Self.loadDecision(db, id: id), id: id) {
                    try Int.fetchOne(db, sql: "SELECT 1 FROM decision WHERE amends = ?", arguments: [id]) != nil
                }
                let amendment = DecisionRules.amendment(
                    of: stored, id: try Self.nextId(db, prefix: "D-\(stored.caseId)-", table: "decision"), reason: why,
                    by: user, now: now)
                try write(amendment, previous: nil, action: "decision.amend", db: db, now: now)
                return amendment
            }
        }
    }

    private func write(
        _ decision: Decision, previous: Decision?, action: String, user: String? = nil, db: Database, now: Date
    ) throws {
        let body = try Codec.encode(decision)
        try db.execute(
            sql: """
                INSERT INTO decision(id, case_id, meeting_id, version, status, amends, body) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET version = excluded.version, status = excluded.status, meeting_id = excluded.meeting_id, body = excluded.body
                """,
            arguments: [
                decision.id, decision.caseId, decision.meetingId, decision.version, decision.status.rawValue,
                decision.amends, body,
            ])
        try AuditTrail.append(
            db, user: user ?? self.user, action: action, entity: "decision", entityId: decision.id,
            caseId: decision.caseId,
            before: try previous.map(Codec.encode), after: body, at: now)
    }
}

/// Binds each stored decision to its audit trail: the text in the decision table must be exactly what the
/// decision's last audit event recorded, so editing a signed decision in the store is caught even when the
/// audit table is left alone (and changing the event too breaks the keyed chain).
extension BoardStore {
    /// One line per decision whose stored text is not its last recorded text; also counts what was checked.
    static func decisionsMatchTheirEvents(_ db: Database) throws -> (problems: [String], checked: Int, signed: Int) {
        var problems: [String] = []
        var checked = 0
        var signed = 0
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT d.id, d.status, d.body,
                  (SELECT a.seq FROM audit_event a WHERE a.case_id = d.case_id AND a.entity = 'decision' AND a.entity_id = d.id
                     ORDER BY a.seq DESC LIMIT 1) AS seq,
                  (SELECT a.after FROM audit_event a WHERE a.case_id = d.case_id AND a.entity = 'decision' AND a.entity_id = d.id
                     ORDER BY a.seq DESC LIMIT 1) AS recorded
                FROM decision d ORDER BY d.rowid
                """)
        while let row = try rows.next() {
            checked += 1
            let id: String = row["id"]
            let status: String = row["status"]
            let body: String = row["body"]
            if status != DecisionStatus.draft.rawValue { signed += 1 }
            guard let seq: Int64 = row["seq"] else {
                problems.append("decision \(id) (\(status)) has no audit event: it was put into the store without one")
                continue
            }
            if row["recorded"] as String? != body {
                problems.append(
                    "decision \(id) (\(status)) was changed in the store: its text (SHA-256 \(Digest.sha256(body).prefix(16))…) is not what its "
                        + "last audit event \(seq) recorded (SHA-256 \(Digest.sha256(row["recorded"] ?? "").prefix(16))…)"
                )
            }
        }
        return (problems, checked, signed)
    }

    /// Whether some recorded version of a decision has this SHA-256 (the hash the minutes print); returns the event number.
    static func eventRecording(caseId: String, decisionId: String, hash: String, _ db: Database) throws -> Int64? {
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT seq, after FROM audit_event WHERE case_id = ? AND entity = 'decision' AND entity_id = ? AND after IS NOT NULL ORDER BY seq
                """, arguments: [caseId, decisionId])
        while let row = try rows.next() {
            if AnchorChecks.isVersion(row["after"], hashed: hash) { return row["seq"] }
        }
        return nil
    }
}
