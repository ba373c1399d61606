import Foundation
import Crypto
import GRDB
import BoardModel

/// Appends hash-chained audit events inside the caller's transaction, and checks the chain.
/// Each event carries the SHA-256 of the previous one, so an edited, deleted or reordered event breaks the chain.
enum AuditTrail {
    /// Appends one event; call inside the write transaction that makes the change.
    @discardableResult
    static func append(_ db: Database, user: String, action: String, entity: String, entityId: String,
                       caseId: String? = nil, before: String? = nil, after: String? = nil, at: Date = Date()) throws -> AuditEvent {
        let last = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1"))
        let sequence: Int64 = (last?["seq"] ?? 0) + 1
        let previous: String = last?["hash"] ?? ""
        // Millisecond precision so that the stored value hashes the same after a round-trip.
        let instant = Date(timeIntervalSince1970: (at.timeIntervalSince1970 * 1000).rounded() / 1000)
        var event = AuditEvent(sequence: sequence, at: instant, user: user, action: action, entity: entity, entityId: entityId,
                               caseId: caseId, before: before, after: after, previousHash: previous, hash: "")
        event.hash = hash(of: event)
        try db.cachedStatement(sql: """
            INSERT INTO audit_event(seq, at, user, action, entity, entity_id, case_id, before, after, previous_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [event.sequence, event.at.timeIntervalSince1970, user, action, entity, entityId,
                                     caseId, before, after, previous, event.hash])
        return event
    }

    static func hash(of event: AuditEvent) -> String {
        SHA256.hash(data: Data(event.canonicalText.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func event(from row: Row) -> AuditEvent {
        AuditEvent(sequence: row["seq"], at: Date(timeIntervalSince1970: row["at"]), user: row["user"], action: row["action"],
                   entity: row["entity"], entityId: row["entity_id"], caseId: row["case_id"], before: row["before"],
                   after: row["after"], previousHash: row["previous_hash"], hash: row["hash"])
    }

    /// Walks the chain from the first event; returns the first broken link, if any, and the count checked.
    static func verify(_ db: Database) throws -> (checked: Int, firstBreak: String?) {
        let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM audit_event ORDER BY seq")
        var previousHash = ""
        var expectedSequence: Int64 = 1
        var count = 0
        while let row = try cursor.next() {
            let event = event(from: row)
            count += 1
            if event.sequence != expectedSequence {
                return (count, "event \(expectedSequence) is missing (next stored event is \(event.sequence))")
            }
            if event.previousHash != previousHash {
                return (count, "event \(event.sequence) does not follow event \(event.sequence - 1) (previous-hash mismatch: an event was removed or reordered)")
            }
            if hash(of: event) != event.hash {
                return (count, "event \(event.sequence) (\(event.action) \(event.entity) \(event.entityId)) was altered after it was written (hash mismatch)")
            }
            previousHash = event.hash
            expectedSequence += 1
        }
        return (count, nil)
    }
}
