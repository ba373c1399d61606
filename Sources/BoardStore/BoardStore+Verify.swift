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

    /// Compares the chain with the heads a witness log holds for this store (AnchorChecks).
    public func compare(witnessed entries: [WitnessLog.Entry]) throws -> AnchorComparison {
        try AnchorChecks.witnessed(entries, chain: try anchorChain())
    }

    /// This store's chain as the anchor checks read it: one read per question.
    private func anchorChain() throws -> AnchorChecks.Chain {
        AnchorChecks.Chain(
            storeId: try storeId(),
            hash: { seq in
                try self.run {
                    try self.db.read { db in
                        try String.fetchOne(db, sql: "SELECT hash FROM audit_event WHERE seq = ?", arguments: [seq])
                    }
                }
            },
            end: {
                try self.run {
                    try self.db.read { try Int64.fetchOne($0, sql: "SELECT MAX(seq) FROM audit_event") ?? 0 }
                }
            },
            records: { caseId, decisionId, hash in
                try self.run {
                    try self.db.read { db in
                        try Self.eventRecording(caseId: caseId, decisionId: decisionId, hash: hash, db) != nil
                    }
                }
            })
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

    /// Compares the store with exported minutes: the chain head they carry, and each signed decision (AnchorChecks).
    public func compare(minutes text: String, file: String) throws -> AnchorComparison {
        try AnchorChecks.minutes(text, file: file, chain: try anchorChain())
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
