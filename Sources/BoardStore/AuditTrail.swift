import BoardModel
import Foundation
import GRDB

/// Appends hash-chained audit events inside the caller's transaction, and checks the chain.
/// Each event carries the hash of the previous one, so an edited, deleted or reordered event breaks the chain.
/// Since the store has a key (schema v3), an event's hash is an HMAC-SHA-256 with the key of its epoch, kept
/// outside the store: rewriting events and recomputing the chain needs that key. Events written before the
/// store had a key keep their plain SHA-256 and are reported as unkeyed.
enum AuditTrail {
    /// Appends one event; call inside the write transaction that makes the change.
    /// Throws `StoreError.auditKeyMissing` when the store is keyed and this process cannot find the key.
    @discardableResult
    static func append(
        _ db: Database, user: String, action: String, entity: String, entityId: String,
        caseId: String? = nil, before: String? = nil, after: String? = nil, at: Date = Date()
    ) throws -> AuditEvent {
        let last = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1"))
        let sequence: Int64 = (last?["seq"] ?? 0) + 1
        let previous: String = last?["hash"] ?? ""
        // Millisecond precision so that the stored value hashes the same after a round-trip.
        let instant = Date(timeIntervalSince1970: (at.timeIntervalSince1970 * 1000).rounded() / 1000)
        var event = AuditEvent(
            sequence: sequence, at: instant, user: user, action: action, entity: entity, entityId: entityId,
            caseId: caseId, before: before, after: after, previousHash: previous, hash: "")
        if let epoch = try Int.fetchOne(db.cachedStatement(sql: "SELECT MAX(epoch) FROM audit_key")) {
            let storeId = try self.storeId(db)
            guard let key = try AuditKeys.shared.key(storeId: storeId, epoch: epoch) else {
                throw StoreError.auditKeyMissing(
                    keyFile: AuditKeys.shared.keyring(storeId: storeId)?.path(storeId: storeId, epoch: epoch))
            }
            event.hash = key.mac(event.canonicalText)
        } else {
            event.hash = hash(of: event)
        }
        try db.cachedStatement(
            sql: """
                INSERT INTO audit_event(seq, at, user, action, entity, entity_id, case_id, before, after, previous_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            event.sequence, event.at.timeIntervalSince1970, user, action, entity, entityId,
            caseId, before, after, previous, event.hash,
        ])
        return event
    }

    /// The store's random id (schema v3), which names its key files and its witnessed heads.
    static func storeId(_ db: Database) throws -> String {
        guard let id = try String.fetchOne(db.cachedStatement(sql: "SELECT id FROM store_identity LIMIT 1")) else {
            throw StoreError.corrupt(
                path: db.configuration.label ?? "the store", detail: "the store identity is missing")
        }
        return id
    }

    /// The plain SHA-256 of an event (events written before the store had a key).
    static func hash(of event: AuditEvent) -> String {
        Digest.sha256(event.canonicalText)
    }

    static func event(from row: Row) -> AuditEvent {
        AuditEvent(
            sequence: row["seq"], at: Date(timeIntervalSince1970: row["at"]), user: row["user"], action: row["action"],
            entity: row["entity"], entityId: row["entity_id"], caseId: row["case_id"], before: row["before"],
            after: row["after"], previousHash: row["previous_hash"], hash: row["hash"])
    }

    /// The last event's number and hash, or nil for an empty trail.
    static func head(_ db: Database) throws -> AuditHead {
        let row = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1")
        return AuditHead(storeId: try storeId(db), sequence: row?["seq"] ?? 0, hash: row?["hash"] ?? "")
    }

    /// A key epoch as the store records it.
    struct Epoch {
        var epoch: Int
        var fingerprint: String
        var keyedFrom: Int64
    }

    static func epochs(_ db: Database) throws -> [Epoch] {
        try Row.fetchAll(db, sql: "SELECT epoch, fingerprint, keyed_from FROM audit_key ORDER BY epoch").map {
            Epoch(epoch: $0["epoch"], fingerprint: $0["fingerprint"], keyedFrom: $0["keyed_from"])
        }
    }

    /// Walks the chain from the first event, checking order, links, and each event's hash: plain SHA-256 before
    /// the first key epoch, HMAC with the epoch's key after. The key records are checked against the key files.
    static func verify(_ db: Database) throws -> ChainReport {
        let walk = AuditChainWalk(storeId: try storeId(db), epochs: try epochs(db))
        let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM audit_event ORDER BY seq")
        return try walk.check { try cursor.next().map(event(from:)) }
    }

    /// The key files of a store in its keyring's directory.
    static func keyFiles(storeId: String, keyring: AuditKeyring?) -> [(path: String, epoch: Int, keyedFrom: Int64)] {
        guard let directory = keyring?.directory,
            let names = try? FileManager.default.contentsOfDirectory(atPath: directory)
        else { return [] }
        return names.filter { $0.hasPrefix(storeId + ".") && $0.hasSuffix(".key") }.sorted().compactMap { name in
            let path = directory + "/" + name
            guard let key = try? AuditKey.read(path: path), key.storeId == storeId else { return nil }
            return (path, key.epoch, key.keyedFrom)
        }
    }
}

/// What walking the audit chain found.
public struct ChainReport: Sendable {
    public var storeId = ""
    /// Events checked before the walk stopped.
    public var checked = 0
    /// Events before the store had a key (plain SHA-256: they resist edits only together with the keyed events after them).
    public var unkeyed = 0
    /// Events whose HMAC was checked with the store's key.
    public var keyed = 0
    /// Keyed events whose key this terminal does not have: their links and order were checked, their content not.
    public var unverified = 0
    public var missingKeys: [MissingKey] = []
    /// The first problem found; nil when the chain holds.
    public var firstBreak: String?
    /// The last event (nil when the walk stopped at a break).
    public var head: AuditHead?

    /// A key epoch whose key file is not where this terminal looks.
    public struct MissingKey: Sendable {
        public var epoch: Int
        public var keyedFrom: Int64
        public var keyFile: String?
    }
}
