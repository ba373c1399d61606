import BoardModel
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The audit trail on PostgreSQL: the same hash chain and key epochs as on SQLite (AuditTrail), appended one
/// writer at a time (a transaction-scoped advisory lock), always in the name of the authenticated role.
extension PostgresBoardStore: AuditStore {
    /// Appends one event; call inside the write transaction that makes the change.
    @discardableResult
    func appendAudit(
        action: String, entity: String, entityId: String, caseId: String? = nil, before: String? = nil,
        after: String? = nil, at: Date
    ) throws -> AuditEvent {
        // Inside a transaction the lock, the head and the key are asked for once: the lock holds until the
        // transaction ends, so the head stays the one this transaction wrote last.
        let tail = try connection.transactionMemo[AuditTail.memoKey] as? AuditTail ?? auditTail()
        let instant = Date(timeIntervalSince1970: (at.timeIntervalSince1970 * 1000).rounded() / 1000)
        var event = AuditEvent(
            sequence: tail.sequence + 1, at: instant, user: user, action: action, entity: entity, entityId: entityId,
            caseId: caseId, before: before, after: after, previousHash: tail.hash, hash: "")
        event.hash = tail.key?.mac(event.canonicalText) ?? AuditTrail.hash(of: event)
        let row: [String?] = [
            String(event.sequence), PGValue.time(instant), user, action, entity, entityId, caseId, before, after,
            tail.hash, event.hash,
        ]
        if connection.inTransaction {
            // Sent with the transaction's other events (flushAudit), not one round trip each.
            let pending = connection.transactionMemo[PendingAudit.memoKey] as? PendingAudit ?? PendingAudit()
            pending.rows.append(row)
            connection.transactionMemo[PendingAudit.memoKey] = pending
            if pending.rows.count >= PendingAudit.flushRows { try flushAudit() }
        } else {
            try connection.query(
                "INSERT INTO audit_event(\(Self.eventColumns)) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                row)
        }
        connection.transactionMemo[AuditTail.memoKey] = AuditTail(
            sequence: event.sequence, hash: event.hash, key: tail.key)
        return event
    }

    /// Sends the events this transaction appended and has not sent yet, in one COPY (the table's triggers still check
    /// each row: its actor must be the session's own role). Runs before each commit, and before a read of the trail
    /// inside a transaction that may have appended.
    func flushAudit() throws {
        guard let pending = connection.transactionMemo[PendingAudit.memoKey] as? PendingAudit, !pending.rows.isEmpty
        else { return }
        let rows = pending.rows
        pending.rows.removeAll(keepingCapacity: true)
        try connection.copy("COPY audit_event(\(Self.eventColumns)) FROM STDIN", rows: rows)
    }

    /// Audit events appended in the open transaction and not sent yet, in order (a reference, so the transaction's
    /// memo keeps one buffer that grows in place).
    private final class PendingAudit: @unchecked Sendable {
        static let memoKey = "audit pending"
        /// Events sent at once when this many wait (a big import's memory stays bounded).
        static let flushRows = 1_000
        var rows: [[String?]] = []
    }

    /// The audit trail's head and the key of its epoch, for the next append.
    private struct AuditTail: Sendable {
        static let memoKey = "audit tail"
        var sequence: Int64
        var hash: String
        /// nil before the store is keyed (plain hash chain).
        var key: AuditKey?
    }

    /// Takes the audit append lock, which serialises appends across terminals until this transaction ends (each
    /// statement after it sees the head the previous writer committed: READ COMMITTED takes a new snapshot per
    /// statement), reads the head and the current epoch's key, and tells other terminals of the change: they learn
    /// of it when this transaction commits (externalChangeCounter), once per transaction being enough.
    private func auditTail() throws -> AuditTail {
        try connection.query("SELECT pg_advisory_xact_lock(hashtext('tumorboard.audit'))")
        let head = try connection.query("SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1").first
        var tail = AuditTail(sequence: Int64(head?[0] ?? "0") ?? 0, hash: head?[1] ?? "", key: nil)
        if let epoch = try epochs().last {
            let storeId = try storeIdValue()
            guard let key = try AuditKeys.shared.key(storeId: storeId, epoch: epoch.epoch) else {
                throw StoreError.auditKeyMissing(
                    keyFile: AuditKeys.shared.keyring(storeId: storeId)?.path(storeId: storeId, epoch: epoch.epoch))
            }
            tail.key = key
        }
        try connection.query("SELECT pg_notify('tumorboard_changes', $1)", [String(tail.sequence + 1)])
        return tail
    }

    func storeIdValue() throws -> String {
        guard let id = try connection.query("SELECT id FROM store_identity LIMIT 1").first?[0] else {
            throw StoreError.corrupt(path: path, detail: "the store identity is missing")
        }
        return id
    }

    func epochs() throws -> [AuditTrail.Epoch] {
        try connection.query("SELECT epoch, fingerprint, keyed_from FROM audit_key ORDER BY epoch").map {
            AuditTrail.Epoch(epoch: Int($0[0] ?? "") ?? 0, fingerprint: $0[1] ?? "", keyedFrom: Int64($0[2] ?? "") ?? 0)
        }
    }

    static func event(_ row: PGRow) -> AuditEvent {
        AuditEvent(
            sequence: Int64(row[0] ?? "") ?? 0, at: PGValue.date(row[1]) ?? Date(timeIntervalSince1970: 0),
            user: row[2] ?? "", action: row[3] ?? "", entity: row[4] ?? "", entityId: row[5] ?? "", caseId: row[6],
            before: row[7], after: row[8], previousHash: row[9] ?? "", hash: row[10] ?? "")
    }

    static let eventColumns = "seq, at, actor, action, entity, entity_id, case_id, before, after, previous_hash, hash"

    /// Registers where this store's keys are and keys a database that has none yet (as BoardStore does on SQLite).
    func prepareAuditKey(keyring: AuditKeyring) throws {
        let storeId = try run { try storeIdValue() }
        AuditKeys.shared.register(storeId: storeId, keyring: keyring)
        if isReadOnly { return }
        let keyed = try run { try epochs() }
        if !keyed.isEmpty { return }
        try startKeyEpoch(
            storeId: storeId, keyring: keyring, reason: AuditKeyPolicy.firstKeyReason, expectedEpoch: 1)
    }

    private func startKeyEpoch(storeId: String, keyring: AuditKeyring, reason: String, expectedEpoch: Int) throws {
        try run {
            try connection.transaction {
                // Keying takes the audit lock too, so no event slips in between reading the head and the key event.
                try connection.query("SELECT pg_advisory_xact_lock(hashtext('tumorboard.audit'))")
                let epoch = (try epochs().last?.epoch ?? 0) + 1
                if epoch != expectedEpoch { return }
                let keyedFrom =
                    (Int64(try connection.query("SELECT max(seq) FROM audit_event").first?[0] ?? "0") ?? 0) + 1
                let (key, wrote) = try AuditKeyPolicy.keyForNewEpoch(
                    storeId: storeId, epoch: epoch, keyedFrom: keyedFrom, keyring: keyring)
                do {
                    try connection.query(
                        "INSERT INTO audit_key(epoch, fingerprint, keyed_from, created_at, reason) VALUES ($1, $2, $3, $4, $5)",
                        [String(epoch), key.fingerprint, String(keyedFrom), PGValue.time(Date()), reason])
                    AuditKeys.shared.remember(key)
                    // The next append signs with the new epoch's key.
                    connection.transactionMemo[AuditTail.memoKey] = nil
                    try appendAudit(
                        action: "audit.key", entity: "store", entityId: storeId,
                        after: AuditKeyPolicy.keyEventText(
                            epoch: epoch, key: key, keyedFrom: keyedFrom, reason: reason),
                        at: Date())
                } catch {
                    if let wrote { unlink(wrote) }
                    throw error
                }
            }
        }
    }

    public func auditEvents(caseId: String?, limit: Int) throws -> [AuditEvent] {
        try run {
            try flushAudit()
            let rows =
                if let caseId {
                    try connection.query(
                        "SELECT \(Self.eventColumns) FROM audit_event WHERE case_id = $1 ORDER BY seq DESC LIMIT $2",
                        [caseId, String(limit)])
                } else {
                    try connection.query(
                        "SELECT \(Self.eventColumns) FROM audit_event ORDER BY seq DESC LIMIT $1", [String(limit)])
                }
            return rows.map(Self.event).reversed()
        }
    }

    public func auditHead() throws -> AuditHead {
        try run {
            try flushAudit()
            let row = try connection.query("SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1").first
            return AuditHead(
                storeId: try storeIdValue(), sequence: Int64(row?[0] ?? "0") ?? 0, hash: row?[1] ?? "")
        }
    }

    public func storeId() throws -> String { try run { try storeIdValue() } }

    private func auditKeyPolicy() throws -> AuditKeyPolicy {
        try run { AuditKeyPolicy(storeId: try storeIdValue(), epochs: try epochs()) }
    }

    public func auditKeyStatus() throws -> AuditKeyStatus {
        try auditKeyPolicy().status
    }

    public func backupAuditKey(to path: String) throws -> AuditKeyStatus {
        let status = try auditKeyStatus()
        try AuditKeyPolicy.backup(status, to: path)
        return status
    }

    public func restoreAuditKey(from path: String) throws -> AuditKeyStatus {
        try auditKeyPolicy().restore(from: path)
        return try auditKeyStatus()
    }

    public func replaceLostAuditKey(reason: String) throws -> AuditKeyStatus {
        let status = try auditKeyStatus()
        let next = try AuditKeyPolicy.replacement(of: status, reason: reason)
        try startKeyEpoch(
            storeId: status.storeId, keyring: next.keyring, reason: next.reason, expectedEpoch: next.expectedEpoch)
        return try auditKeyStatus()
    }

    /// The database's own checks (amcheck needs a superuser, so: the schema is at a version this program knows),
    /// the audit chain walked from the first event, and every decision against its last audit event.
    public func verify() throws -> VerificationReport {
        try run {
            try connection.snapshot {
                // One snapshot for the whole walk, so a concurrent append cannot look like a break.
                let version = try schemaVersion()
                let integrity =
                    version == PostgresSchema.latest
                    ? ["ok"] : ["schema version \(version), this tumorboard knows \(PostgresSchema.latest)"]
                let storeId = try storeIdValue()
                let events = try connection.query("SELECT \(Self.eventColumns) FROM audit_event ORDER BY seq").map(
                    Self.event)
                let chain = try AuditChainWalk(storeId: storeId, epochs: try epochs()).check(events)
                let decisions = try decisionsMatchTheirEvents()
                return VerificationReport(
                    integrity: integrity, chain: chain, decisionProblems: decisions.problems,
                    decisionsChecked: decisions.checked, signedDecisions: decisions.signed)
            }
        }
    }

    /// Every decision's stored text against what its last audit event recorded (as on SQLite).
    private func decisionsMatchTheirEvents() throws -> (problems: [String], checked: Int, signed: Int) {
        var problems: [String] = []
        var signed = 0
        let rows = try connection.query(
            """
            SELECT d.id, d.status, d.body, a.seq, a.after FROM decision d
            LEFT JOIN LATERAL (SELECT seq, after FROM audit_event e
                WHERE e.case_id = d.case_id AND e.entity = 'decision' AND e.entity_id = d.id ORDER BY seq DESC LIMIT 1) a ON true
            ORDER BY d.id
            """)
        for row in rows {
            let (id, status, body) = (row[0] ?? "", row[1] ?? "", row[2] ?? "")
            if status != DecisionStatus.draft.rawValue { signed += 1 }
            guard let seq = row[3] else {
                problems.append("decision \(id) (\(status)) has no audit event: it was put into the store without one")
                continue
            }
            if row[4] != body {
                problems.append(
                    "decision \(id) (\(status)) was changed in the store: its text (SHA-256 \(Digest.sha256(body).prefix(16))…) is not what its "
                        + "last audit event \(seq) recorded (SHA-256 \(Digest.sha256(row[4] ?? "").prefix(16))…)")
            }
        }
        return (problems, rows.count, signed)
    }
}
