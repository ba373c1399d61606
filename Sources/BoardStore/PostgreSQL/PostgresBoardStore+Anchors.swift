import BoardModel
import Foundation
import GRDB

/// The chain on PostgreSQL compared with anchors kept outside the database: witness logs and minutes by the same
/// rules as on SQLite (AnchorChecks), and backups, which on PostgreSQL are SQLite files (PostgresBoardStore+Backup).
extension PostgresBoardStore: AnchorStore {
    public func compare(witnessed entries: [WitnessLog.Entry]) throws -> AnchorComparison {
        try AnchorChecks.witnessed(entries, chain: try anchorChain())
    }

    public func compare(minutes text: String, file: String) throws -> AnchorComparison {
        try AnchorChecks.minutes(text, file: file, chain: try anchorChain())
    }

    /// Compares the chain with a backup's (a SQLite file written by `backup`), event by event: names the first event
    /// that differs, or the first one the database lacks.
    public func compare(backupAt path: String) throws -> AnchorComparison {
        let keyring = AuditKeys.shared.keyring(storeId: try storeId()) ?? .standard
        let backup = try BoardStore.open(path: path, user: user, readOnly: true, keyring: keyring)
        var result = AnchorComparison(anchors: 1)
        if let broken = try backup.verify().firstBrokenLink {
            result.notes.append("the backup's own chain is broken: \(broken)")
        }
        let (mine, theirs) = (try storeId(), try backup.storeId())
        guard mine == theirs else {
            result.problems.append("\(path) is a backup of another store (\(theirs)), not of this one (\(mine))")
            return result
        }
        let events = StoreTable.all.first { $0.name == "audit_event" }!
        let columns = events.columns.filter { ["seq", "action", "entity_id", "hash"].contains($0.name) }
        let problem: String? = try run {
            try connection.snapshot {
                return try backup.run {
                    try backup.db.read { db in
                        let copy = try Row.fetchCursor(
                            db, sql: "SELECT seq, action, entity_id, hash FROM audit_event ORDER BY seq")
                        var last: Int64 = 0
                        var found: String?
                        try PostgresSide(connection: connection).rows(events, columns: columns, byKey: true) { ours in
                            guard found == nil, let theirs = try copy.next() else { return }
                            let seq: Int64 = theirs["seq"]
                            if ours[0] != .integer(seq) || ours[3] != .text(theirs["hash"]) {
                                found =
                                    "event \(seq) differs from the backup (backup: \(theirs["action"] as String) \(theirs["entity_id"] as String); "
                                    + "store: event \(Self.spelt(ours[0])) \(Self.spelt(ours[1])) \(Self.spelt(ours[2]))): the first differing event is \(seq)"
                                return
                            }
                            last = seq
                        }
                        if found == nil, let missing = try copy.next() {
                            let end = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM audit_event") ?? missing["seq"]
                            found =
                                "the audit chain is shorter than the backup's: the backup has events up to \(end), the store "
                                + "ends at event \(last); first missing event: \(last + 1)"
                        }
                        if found == nil {
                            result.latestMatching = AuditHead(
                                storeId: mine, sequence: last,
                                hash: try String.fetchOne(
                                    db, sql: "SELECT hash FROM audit_event WHERE seq = ?", arguments: [last]) ?? "")
                        }
                        return found
                    }
                }
            }
        }
        if let problem { result.problems.append(problem) }
        return result
    }

    /// This database's chain as the anchor checks read it.
    private func anchorChain() throws -> AnchorChecks.Chain {
        AnchorChecks.Chain(
            storeId: try storeId(),
            hash: { seq in
                try self.run {
                    try self.connection.query("SELECT hash FROM audit_event WHERE seq = $1", [String(seq)]).first?[0]
                }
            },
            end: {
                try self.run {
                    Int64(try self.connection.query("SELECT coalesce(max(seq), 0) FROM audit_event").first?[0] ?? "0")
                        ?? 0
                }
            },
            records: { caseId, decisionId, hash in
                try self.run {
                    try self.connection.query(
                        """
                        SELECT after FROM audit_event WHERE case_id = $1 AND entity = 'decision' AND entity_id = $2
                          AND after IS NOT NULL ORDER BY seq
                        """, [caseId, decisionId]
                    ).contains { AnchorChecks.isVersion($0.text("after"), hashed: hash) }
                }
            })
    }

    private static func spelt(_ cell: StoreCell) -> String {
        switch cell {
        case .null: ""
        case .integer(let v): String(v)
        case .real(let v): StoreCell.spell(v)
        case .text(let v): v
        }
    }
}
