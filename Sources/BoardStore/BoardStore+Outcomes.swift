import BoardModel
import Foundation
import GRDB

/// An outcome that breaks its rules: nothing was saved. Each problem names its field ("date", "grade", "stop reason").
public struct OutcomeInvalid: Error, CustomStringConvertible, Sendable {
    public var caseId: String
    public var problems: [InvalidValue]
    /// Which outcome of a list (`addOutcomes`) was refused.
    public var index: Int?
    public var description: String {
        "outcome for case \(caseId) not saved: " + problems.map { "\($0.field): \($0.reason)" }.joined(separator: "; ")
    }
}

/// Outcomes after a decision: add, correct and list, validated against the case and audited like decisions.
extension BoardStore {
    /// The case's outcomes, by date (then in the order recorded), retracted ones included (they are shown, marked);
    /// `StoreError.notFound` for an unknown case.
    public func outcomes(caseId: String) throws -> [CaseOutcome] {
        try run {
            try db.read { db in
                try requireCase(db, caseId)
                return try Self.outcomes(db, caseId: caseId, includingRetracted: true)
            }
        }
    }

    /// The standing (not retracted) outcomes of many cases in one query: case id → outcomes by date.
    /// Cases without outcomes are absent from the result.
    public func outcomes(caseIds: [String]) throws -> [String: [CaseOutcome]] {
        guard !caseIds.isEmpty else { return [:] }
        return try run {
            try db.read { db in
                var result: [String: [CaseOutcome]] = [:]
                let ids = String(decoding: try JSONEncoder().encode(Array(Set(caseIds))), as: UTF8.self)
                let rows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT case_id, body FROM outcome WHERE case_id IN (SELECT value FROM json_each(?))
                        ORDER BY case_id, date, rowid
                        """, arguments: [ids])
                while let row = try rows.next() {
                    let outcome = try Codec.decode(CaseOutcome.self, from: row["body"])
                    if !outcome.isRetracted { result[row["case_id"], default: []].append(outcome) }
                }
                return result
            }
        }
    }

    public func outcome(id: String) throws -> CaseOutcome? {
        try run { try db.read { db in try Self.loadOutcome(db, id: id) } }
    }

    /// Records a new outcome for its case: the store gives the id ("O-<case>-<n>") and version 1, checks it against
    /// the case's diagnosis and other outcomes (`CaseOutcome.validationErrors`), and appends an `outcome.add` event.
    @discardableResult
    public func addOutcome(_ outcome: CaseOutcome, today: LocalDate = LocalDate(Date()), now: Date = Date()) throws
        -> CaseOutcome
    {
        try run {
            try db.write { db in try addOutcome(outcome, db: db, today: today, now: now) }
        }
    }

    /// Records several outcomes in one transaction (a file's): all or nothing. Each is checked against the case's
    /// outcomes including those added before it in the list; a refusal says which (`OutcomeInvalid.index`).
    /// Ids given in the list are the file's own: a `treatmentId` naming one of them is pointed at the outcome the
    /// store made of it. An outcome the case already has (same event, whatever its id and who recorded it) is not
    /// added again, so importing a file twice changes nothing; it comes back among `duplicates`.
    @discardableResult
    public func addOutcomes(_ outcomes: [CaseOutcome], today: LocalDate = LocalDate(Date()), now: Date = Date()) throws
        -> (added: [CaseOutcome], duplicates: [CaseOutcome])
    {
        try run {
            try db.write { db in
                try OutcomeRules.addSeveral(
                    outcomes, standing: { try Self.outcomes(db, caseId: $0, includingRetracted: true) },
                    insert: { try addOutcome($0, db: db, today: today, now: now) })
            }
        }
    }

    /// Saves a correction of an outcome as its next version. `outcome.version` is the version the editor started
    /// from; if the store holds another, nothing is written and `StoreError.conflict` says so.
    @discardableResult
    public func correctOutcome(_ outcome: CaseOutcome, today: LocalDate = LocalDate(Date()), now: Date = Date()) throws
        -> CaseOutcome
    {
        try run {
            try db.write { db in
                guard let stored = try Self.loadOutcome(db, id: outcome.id) else {
                    throw StoreError.notFound(kind: "outcome", id: outcome.id)
                }
                try OutcomeRules.requireStanding(stored, version: outcome.version)
                var next = outcome
                next.caseId = stored.caseId
                try validate(next, db: db, today: today)
                next.version = stored.version + 1
                next.recordedBy = user
                next.recordedAt = now
                try write(next, previous: stored, action: "outcome.correct", db: db, now: now)
                return next
            }
        }
    }

    /// Retracts an outcome entered in error: it is kept, marked with `reason`, who and when, as its next version
    /// (audited as `outcome.retract`), and from then on no rule counts it (precedents, the follow-up queue, cohort
    /// exports, the checks of other outcomes). `version` is the version the user saw. Refused, with nothing
    /// written, without a reason, for an outcome already retracted, and when a standing outcome needs this one (a
    /// response whose treatment start it is): retract or correct those first.
    @discardableResult
    public func retractOutcome(id: String, version: Int, reason: String, now: Date = Date())
        throws -> CaseOutcome
    {
        try run {
            try db.write { db in
                guard let stored = try Self.loadOutcome(db, id: id) else {
                    throw StoreError.notFound(kind: "outcome", id: id)
                }
                let why = try OutcomeRules.retractionReason(reason, caseId: stored.caseId)
                try OutcomeRules.requireStanding(stored, version: version)
                try OutcomeRules.requireNoDependants(
                    on: stored, standing: try Self.outcomes(db, caseId: stored.caseId),
                    diagnosisCode: try String.fetchOne(
                        db, sql: "SELECT oncotree_code FROM \"case\" WHERE id = ?", arguments: [stored.caseId]))
                let next = OutcomeRules.retracted(stored, reason: why, by: user, at: now)
                try write(next, previous: stored, action: "outcome.retract", db: db, now: now)
                return next
            }
        }
    }

    func addOutcome(_ outcome: CaseOutcome, db: Database, today: LocalDate, now: Date) throws -> CaseOutcome {
        var next = outcome
        next.id = ""  // a new outcome is no other's correction
        try OutcomeRules.requireNew(outcome)
        try validate(next, db: db, today: today)
        next.id = try Self.nextId(db, prefix: "O-\(outcome.caseId)-", table: "outcome")
        next.version = 1
        next.recordedBy = user
        next.recordedAt = now
        try write(next, previous: nil, action: "outcome.add", db: db, now: now)
        return next
    }

    /// Refuses an outcome that breaks its rules, naming the case and every problem in one line.
    private func validate(_ outcome: CaseOutcome, db: Database, today: LocalDate) throws {
        try requireCase(db, outcome.caseId)
        let code = try String.fetchOne(
            db, sql: "SELECT oncotree_code FROM \"case\" WHERE id = ?", arguments: [outcome.caseId])
        let decisionOfCase =
            try outcome.decisionId.map {
                try Int.fetchOne(
                    db, sql: "SELECT 1 FROM decision WHERE id = ? AND case_id = ?", arguments: [$0, outcome.caseId])
                    != nil
            } ?? true
        try OutcomeRules.validate(
            outcome, diagnosisCode: code, others: try Self.outcomes(db, caseId: outcome.caseId), today: today,
            decisionOfCase: decisionOfCase)
    }

    private func write(_ outcome: CaseOutcome, previous: CaseOutcome?, action: String, db: Database, now: Date) throws {
        let body = try Codec.encode(outcome)
        try db.execute(
            sql: """
                INSERT INTO outcome(id, case_id, date, kind, decision_id, version, body) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET date = excluded.date, kind = excluded.kind,
                    decision_id = excluded.decision_id, version = excluded.version, body = excluded.body
                """,
            arguments: [
                outcome.id, outcome.caseId, outcome.date.description, outcome.kind.rawValue, outcome.decisionId,
                outcome.version, body,
            ])
        try db.execute(
            sql: "UPDATE \"case\" SET updated_at = ? WHERE id = ?",
            arguments: [now.timeIntervalSince1970, outcome.caseId])
        try AuditTrail.append(
            db, user: user, action: action, entity: "outcome", entityId: outcome.id, caseId: outcome.caseId,
            before: try previous.map(Codec.encode), after: body, at: now)
    }

    /// The case's outcomes by date: the standing ones, or all with `includingRetracted`.
    static func outcomes(_ db: Database, caseId: String, includingRetracted: Bool = false) throws -> [CaseOutcome] {
        try String.fetchAll(
            db, sql: "SELECT body FROM outcome WHERE case_id = ? ORDER BY date, rowid", arguments: [caseId]
        )
        .map { try Codec.decode(CaseOutcome.self, from: $0) }.filter { includingRetracted || !$0.isRetracted }
    }

    static func loadOutcome(_ db: Database, id: String) throws -> CaseOutcome? {
        try String.fetchOne(db, sql: "SELECT body FROM outcome WHERE id = ?", arguments: [id]).map {
            try Codec.decode(CaseOutcome.self, from: $0)
        }
    }
}
