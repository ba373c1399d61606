import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#endif

/// The store's audit key: created outside the store when a writable store without one is opened (a new store,
/// or an older one: the migration is an appended "audit.key" event, earlier events stay as they were), backed
/// up and restored as a file, and replaced by a new epoch when it is lost for good.
extension BoardStore {
    /// Registers where this store's keys are, and keys a writable store that has no key yet.
    func prepareAuditKey(keyring: AuditKeyring, readOnly: Bool) throws {
        let storeId: String
        do {
            storeId = try run { try db.read { db in try AuditTrail.storeId(db) } }
        } catch StoreError.corrupt, StoreError.notAStore {
            // A damaged store still opens, so the screen can say it is damaged; every read and write reports it.
            return
        }
        AuditKeys.shared.register(storeId: storeId, keyring: keyring)
        if readOnly { return }
        let keyed =
            try run { try db.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_key") ?? 0 } } > 0
        if !keyed {
            try startKeyEpoch(
                storeId: storeId, keyring: keyring, reason: AuditKeyPolicy.firstKeyReason, expectedEpoch: 1)
        }
    }

    /// Writes a new key file and, in one transaction, records the epoch and appends its "audit.key" event
    /// (the first event the key signs). If the transaction fails, the key file is removed again.
    private func startKeyEpoch(storeId: String, keyring: AuditKeyring, reason: String, expectedEpoch: Int) throws {
        try run {
            try db.write { db in
                let epoch = (try Int.fetchOne(db, sql: "SELECT MAX(epoch) FROM audit_key") ?? 0) + 1
                // Another terminal keyed the store between our check and this transaction.
                if epoch != expectedEpoch { return }
                let keyedFrom = try AuditTrail.head(db).sequence + 1
                let (key, wrote) = try AuditKeyPolicy.keyForNewEpoch(
                    storeId: storeId, epoch: epoch, keyedFrom: keyedFrom, keyring: keyring)
                do {
                    try db.execute(
                        sql:
                            "INSERT INTO audit_key(epoch, fingerprint, keyed_from, created_at, created_by, reason) VALUES (?, ?, ?, ?, ?, ?)",
                        arguments: [epoch, key.fingerprint, keyedFrom, Date().timeIntervalSince1970, user, reason])
                    AuditKeys.shared.remember(key)
                    try AuditTrail.append(
                        db, user: user, action: "audit.key", entity: "store", entityId: storeId,
                        after: AuditKeyPolicy.keyEventText(epoch: epoch, key: key, keyedFrom: keyedFrom, reason: reason)
                    )
                } catch {
                    if let wrote { unlink(wrote) }
                    throw error
                }
            }
        }
    }

    /// The store's id and key epochs, read in one snapshot, with the rules that apply to them.
    private func auditKeyPolicy() throws -> AuditKeyPolicy {
        try run {
            try db.read { db in AuditKeyPolicy(storeId: try AuditTrail.storeId(db), epochs: try AuditTrail.epochs(db)) }
        }
    }

    /// Where this store's key of the current epoch is, its fingerprint and whether this terminal has it.
    public func auditKeyStatus() throws -> AuditKeyStatus {
        try auditKeyPolicy().status
    }

    /// Copies the current key to a new 0600 file (never overwriting), for safekeeping apart from the store and its backups.
    public func backupAuditKey(to path: String) throws -> AuditKeyStatus {
        let status = try auditKeyStatus()
        try AuditKeyPolicy.backup(status, to: path)
        return status
    }

    /// Puts a backed-up key file back where this terminal looks for it, after checking it is this store's key.
    public func restoreAuditKey(from path: String) throws -> AuditKeyStatus {
        try auditKeyPolicy().restore(from: path)
        return try auditKeyStatus()
    }

    /// Starts a new key epoch when the current key is lost for good: the events it signed stay in the store but
    /// can no longer be checked for recomputation (verify says so); new events are signed with the new key.
    public func replaceLostAuditKey(reason: String) throws -> AuditKeyStatus {
        let status = try auditKeyStatus()
        let next = try AuditKeyPolicy.replacement(of: status, reason: reason)
        try startKeyEpoch(
            storeId: status.storeId, keyring: next.keyring, reason: next.reason, expectedEpoch: next.expectedEpoch)
        return try auditKeyStatus()
    }

    /// The last event of the audit chain (number and hash) and the store's id.
    public func auditHead() throws -> AuditHead {
        try run { try db.read { db in try AuditTrail.head(db) } }
    }

    /// The store's random id (names its key files and witnessed heads).
    public func storeId() throws -> String {
        try run { try db.read { db in try AuditTrail.storeId(db) } }
    }
}

/// The audit key as `tumorboard key show` reports it.
public struct AuditKeyStatus: Sendable {
    public var storeId: String
    /// The current epoch; nil when the store has no key yet.
    public var epoch: Int?
    public var keyedFrom: Int64?
    public var fingerprint: String?
    public var keyFile: String?
    /// Whether this terminal has the current key.
    public var available: Bool
}
