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
                storeId: storeId, keyring: keyring, reason: "the store's audit chain is keyed from here on",
                expectedEpoch: 1)
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
                let head = try AuditTrail.head(db)
                let keyedFrom = head.sequence + 1
                var key = AuditKey.generate(storeId: storeId, epoch: epoch, keyedFrom: keyedFrom)
                var wrote: String?
                if let path = keyring.path(storeId: storeId, epoch: epoch) {
                    if let existing = try AuditKey.read(path: path) {
                        // A key file left by a keying that was interrupted before it committed keys nothing yet: reuse it.
                        // One for an event the store already has means the store's key record was removed.
                        guard existing.storeId == storeId, existing.epoch == epoch, existing.keyedFrom == keyedFrom
                        else {
                            throw StoreError.invalid(
                                "the audit key \(path) says this store was keyed from event \(existing.keyedFrom), but the store "
                                    + "records no key: its key record was removed. Nothing was changed; run `tumorboard verify`"
                            )
                        }
                        key = existing
                    } else {
                        try key.write(to: path)
                        wrote = path
                    }
                }
                do {
                    try db.execute(
                        sql:
                            "INSERT INTO audit_key(epoch, fingerprint, keyed_from, created_at, created_by, reason) VALUES (?, ?, ?, ?, ?, ?)",
                        arguments: [epoch, key.fingerprint, keyedFrom, Date().timeIntervalSince1970, user, reason])
                    AuditKeys.shared.remember(key)
                    try AuditTrail.append(
                        db, user: user, action: "audit.key", entity: "store", entityId: storeId,
                        after: "epoch \(epoch), key \(key.fingerprint), events from \(keyedFrom): \(reason)")
                } catch {
                    if let wrote { unlink(wrote) }
                    throw error
                }
            }
        }
    }

    /// Where this store's key of the current epoch is, its fingerprint and whether this terminal has it.
    public func auditKeyStatus() throws -> AuditKeyStatus {
        try run {
            try db.read { db in
                let storeId = try AuditTrail.storeId(db)
                let keyring = AuditKeys.shared.keyring(storeId: storeId)
                guard let epoch = try AuditTrail.epochs(db).last else {
                    return AuditKeyStatus(
                        storeId: storeId, epoch: nil, keyedFrom: nil, fingerprint: nil, keyFile: nil, available: false)
                }
                let key = try? AuditKeys.shared.key(storeId: storeId, epoch: epoch.epoch)
                return AuditKeyStatus(
                    storeId: storeId, epoch: epoch.epoch, keyedFrom: epoch.keyedFrom, fingerprint: epoch.fingerprint,
                    keyFile: keyring?.path(storeId: storeId, epoch: epoch.epoch),
                    available: key?.fingerprint == epoch.fingerprint)
            }
        }
    }

    /// Copies the current key to a new 0600 file (never overwriting), for safekeeping apart from the store and its backups.
    public func backupAuditKey(to path: String) throws -> AuditKeyStatus {
        let status = try auditKeyStatus()
        guard let epoch = status.epoch else {
            throw StoreError.invalid("the store has no audit key yet (open it for writing once to create one)")
        }
        guard let key = try AuditKeys.shared.key(storeId: status.storeId, epoch: epoch) else {
            throw StoreError.auditKeyMissing(keyFile: status.keyFile)
        }
        if FileManager.default.fileExists(atPath: path) {
            throw StoreError.invalid("\(path) already exists; choose a new file name for the key backup")
        }
        try key.write(to: path)
        return status
    }

    /// Puts a backed-up key file back where this terminal looks for it, after checking it is this store's key.
    public func restoreAuditKey(from path: String) throws -> AuditKeyStatus {
        guard let key = try AuditKey.read(path: path) else { throw StoreError.invalid("no key file at \(path)") }
        let (storeId, epochs) = try run {
            try db.read { db in (try AuditTrail.storeId(db), try AuditTrail.epochs(db)) }
        }
        guard key.storeId == storeId else {
            throw StoreError.invalid(
                "\(path) is the audit key of another store (\(key.storeId)), not of this one (\(storeId))")
        }
        guard let recorded = epochs.first(where: { $0.epoch == key.epoch }), recorded.fingerprint == key.fingerprint,
            recorded.keyedFrom == key.keyedFrom
        else {
            throw StoreError.invalid(
                "\(path) is not a key this store records (epoch \(key.epoch), fingerprint \(key.fingerprint))")
        }
        guard let target = AuditKeys.shared.keyring(storeId: storeId)?.path(storeId: storeId, epoch: key.epoch) else {
            AuditKeys.shared.remember(key)
            return try auditKeyStatus()
        }
        if let present = try? AuditKey.read(path: target), present.fingerprint == key.fingerprint {
            return try auditKeyStatus()
        }
        if FileManager.default.fileExists(atPath: target) {
            throw StoreError.invalid("\(target) exists and holds another key; move it away first")
        }
        try key.write(to: target)
        AuditKeys.shared.remember(key)
        return try auditKeyStatus()
    }

    /// Starts a new key epoch when the current key is lost for good: the events it signed stay in the store but
    /// can no longer be checked for recomputation (verify says so); new events are signed with the new key.
    public func replaceLostAuditKey(reason: String) throws -> AuditKeyStatus {
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else { throw StoreError.invalid("replacing the audit key needs a reason (--reason)") }
        let status = try auditKeyStatus()
        guard let epoch = status.epoch else {
            throw StoreError.invalid("the store has no audit key yet; nothing to replace")
        }
        if status.available {
            throw StoreError.invalid(
                "this terminal has the store's audit key (\(status.keyFile ?? "in memory")); it is not lost")
        }
        guard let keyring = AuditKeys.shared.keyring(storeId: status.storeId) else {
            throw StoreError.invalid("no key directory for this store")
        }
        try startKeyEpoch(
            storeId: status.storeId, keyring: keyring, reason: "key of epoch \(epoch) lost: \(why)",
            expectedEpoch: epoch + 1)
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
