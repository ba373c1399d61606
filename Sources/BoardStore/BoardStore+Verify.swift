import BoardModel
import Foundation
import GRDB

/// `tumorboard verify`: the store checked on its own (integrity, keyed chain, decisions bound to their events)
/// and against anchors kept outside it (witnessed heads, a backup, minutes).
extension BoardStore {
    /// PRAGMA integrity_check, the audit chain from the first event, and every decision against its last event.
    public func verify() throws -> VerificationReport {
        try run {
            try db.read { db in
                let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                let chain = try AuditTrail.verify(db)
                let decisions = try Self.decisionsMatchTheirEvents(db)
                return VerificationReport(
                    integrity: integrity, chain: chain, decisionProblems: decisions.problems,
                    decisionsChecked: decisions.checked, signedDecisions: decisions.signed)
            }
        }
    }

    /// Compares the chain with the heads a witness log holds for this store. A head from before a "restored"
    /// entry with a later event than the restored head was rolled back on purpose and is not held against the store.
    public func compare(witnessed entries: [WitnessLog.Entry]) throws -> AnchorComparison {
        let storeId = try self.storeId()
        var live: [WitnessLog.Entry] = []
        var rolledBack = 0
        // In the log's order, which is the order the heads were seen (the log is only ever appended to).
        for entry in entries where entry.head.storeId == storeId {
            if entry.kind == .restored {
                let before = live.count
                live.removeAll { $0.head.sequence > entry.head.sequence }
                rolledBack += before - live.count
            }
            live.append(entry)
        }
        var result = AnchorComparison(anchors: live.count)
        if rolledBack > 0 {
            result.notes.append("\(rolledBack) witnessed head\(rolledBack == 1 ? "" : "s") rolled back by a restore")
        }
        let formatter = ISO8601DateFormatter()
        // Lowest event first: the first problem names the earliest point where the store departs from what was seen.
        var lastMatching: Int64 = 0
        for entry in live.sorted(by: { $0.head.sequence < $1.head.sequence }) {
            let when = "witnessed \(formatter.string(from: entry.at))" + (entry.kind == .restored ? " (restored)" : "")
            if let problem = try check(entry.head, witnessedAs: when, lastMatching: lastMatching) {
                result.problems.append(problem)
                break
            }
            lastMatching = entry.head.sequence
            result.latestMatching = entry.head
        }
        return result
    }

    /// One head against the store: nil when the store has that event with that hash.
    private func check(_ head: AuditHead, witnessedAs when: String, lastMatching: Int64) throws -> String? {
        if head.sequence == 0 { return nil }
        return try run {
            try db.read { db in
                let storeId = try AuditTrail.storeId(db)
                if head.storeId != storeId {
                    return "the anchor is of another store (\(head.storeId)), not this one (\(storeId))"
                }
                let end = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM audit_event") ?? 0
                guard
                    let hash = try String.fetchOne(
                        db, sql: "SELECT hash FROM audit_event WHERE seq = ?", arguments: [head.sequence])
                else {
                    return
                        "the audit chain is shorter than \(when): event \(head.sequence) was seen (hash \(head.hash.prefix(16))…) but the store ends at event "
                        + "\(end); first missing event: \(end + 1)"
                }
                if hash != head.hash {
                    return
                        "event \(head.sequence) differs from the head \(when) (hash \(head.hash.prefix(16))…, the store has \(hash.prefix(16))…): "
                        + "the chain was rewritten; the first differing event is after event \(lastMatching) and at most event \(head.sequence)"
                }
                return nil
            }
        }
    }

    /// Compares the chain with a backup's, event by event: names the first event that differs, or the first one
    /// the store lacks. A backup from a later point than the store's end means events were removed since.
    public func compare(backupAt path: String) throws -> AnchorComparison {
        let keyring = AuditKeys.shared.keyring(storeId: try storeId()) ?? .standard
        let backup = try BoardStore.open(path: path, user: user, readOnly: true, keyring: keyring)
        var result = AnchorComparison(anchors: 1)
        let backupReport = try backup.verify()
        if let broken = backupReport.firstBrokenLink {
            result.notes.append("the backup's own chain is broken: \(broken)")
        }
        let (mine, theirs) = (try storeId(), try backup.storeId())
        guard mine == theirs else {
            result.problems.append("\(path) is a backup of another store (\(theirs)), not of this one (\(mine))")
            return result
        }
        try run {
            try db.read { a in
                try backup.db.read { b in
                    let ours = try Row.fetchCursor(
                        a, sql: "SELECT seq, action, entity_id, hash FROM audit_event ORDER BY seq")
                    let copy = try Row.fetchCursor(
                        b, sql: "SELECT seq, action, entity_id, hash FROM audit_event ORDER BY seq")
                    var last: Int64 = 0
                    while let theirs = try copy.next() {
                        let seq: Int64 = theirs["seq"]
                        guard let row = try ours.next() else {
                            result.problems.append(
                                "the audit chain is shorter than the backup's: the backup has events up to "
                                    + "\(try Int64.fetchOne(b, sql: "SELECT MAX(seq) FROM audit_event") ?? seq), the store ends at event \(last); first missing event: \(last + 1)"
                            )
                            return
                        }
                        if row["seq"] as Int64 != seq || row["hash"] as String != theirs["hash"] as String {
                            result.problems.append(
                                "event \(seq) differs from the backup (backup: \(theirs["action"] as String) \(theirs["entity_id"] as String); "
                                    + "store: event \(row["seq"] as Int64) \(row["action"] as String) \(row["entity_id"] as String)): the first differing event is \(seq)"
                            )
                            return
                        }
                        last = seq
                    }
                    result.latestMatching = AuditHead(
                        storeId: mine, sequence: last,
                        hash: try String.fetchOne(
                            b, sql: "SELECT hash FROM audit_event WHERE seq = ?", arguments: [last]) ?? "")
                }
            }
        }
        return result
    }

    /// Compares the store with exported minutes: the chain head they carry, and each signed decision's SHA-256
    /// (some recorded version of the decision must have exactly that text).
    public func compare(minutes text: String, file: String) throws -> AnchorComparison {
        var result = AnchorComparison(anchors: 0)
        if let head = AuditHead.parse(minutes: text) {
            result.anchors += 1
            if let problem = try check(head, witnessedAs: "in \(file)", lastMatching: 0) {
                result.problems.append(problem)
            } else {
                result.latestMatching = head
            }
        } else {
            result.notes.append("\(file) carries no audit chain head (minutes exported before tumorboard recorded it)")
        }
        for signed in Self.signedDecisions(inMinutes: text) {
            result.anchors += 1
            let seq = try run {
                try db.read { db in
                    try Self.eventRecording(caseId: signed.caseId, decisionId: signed.decisionId, hash: signed.hash, db)
                }
            }
            if seq == nil {
                result.problems.append(
                    "decision \(signed.decisionId) v\(signed.version) in \(file) (SHA-256 \(signed.hash.prefix(16))…) matches no recorded "
                        + "version of it in the store: the decision or its history was altered")
            }
        }
        if result.anchors == 0 {
            result.problems.append(
                "\(file) holds neither an audit chain head nor signed decisions; is it exported minutes?")
        }
        return result
    }

    /// The sign-off entries of minutes (case, decision, version, SHA-256), read from text or Markdown at any width.
    static func signedDecisions(inMinutes text: String) -> [(
        caseId: String, decisionId: String, version: Int, hash: String
    )] {
        MinutesAnchors.signedDecisions(in: text).map { ($0.caseId, $0.decisionId, $0.version, $0.hash) }
    }
}

/// What comparing the store with anchors outside it found.
public struct AnchorComparison: Sendable {
    /// How many heads or hashes were compared.
    public var anchors: Int
    /// Where the store departs from an anchor, one line each (empty when it agrees).
    public var problems: [String] = []
    /// Things worth saying that are not problems.
    public var notes: [String] = []
    /// The latest anchored head the store still has.
    public var latestMatching: AuditHead?

    public init(anchors: Int) { self.anchors = anchors }
}
