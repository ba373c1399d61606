import Foundation

/// The audit key's rules, the same on every backend: what `key show` reports, when a backup, a restore or the
/// replacement of a lost key is allowed and what each says when it is not, and which key file a new epoch uses.
/// Each backend reads the store's id and key epochs with its own SQL and hands them here.
struct AuditKeyPolicy {
    let storeId: String
    let epochs: [AuditTrail.Epoch]

    /// The current epoch, its key file and whether this terminal holds the key.
    var status: AuditKeyStatus {
        let keyring = AuditKeys.shared.keyring(storeId: storeId)
        guard let epoch = epochs.last else {
            return AuditKeyStatus(
                storeId: storeId, epoch: nil, keyedFrom: nil, fingerprint: nil, keyFile: nil, available: false)
        }
        let key = try? AuditKeys.shared.key(storeId: storeId, epoch: epoch.epoch)
        return AuditKeyStatus(
            storeId: storeId, epoch: epoch.epoch, keyedFrom: epoch.keyedFrom, fingerprint: epoch.fingerprint,
            keyFile: keyring?.path(storeId: storeId, epoch: epoch.epoch),
            available: key?.fingerprint == epoch.fingerprint)
    }

    /// Copies the current key to a new 0600 file (never overwriting), for safekeeping apart from the store.
    static func backup(_ status: AuditKeyStatus, to path: String) throws {
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
    }

    /// Puts a backed-up key file back where this terminal looks for it, after checking it is this store's key.
    func restore(from path: String) throws {
        guard let key = try AuditKey.read(path: path) else { throw StoreError.invalid("no key file at \(path)") }
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
        if let target = AuditKeys.shared.keyring(storeId: storeId)?.path(storeId: storeId, epoch: key.epoch),
            (try? AuditKey.read(path: target))??.fingerprint != key.fingerprint
        {
            if FileManager.default.fileExists(atPath: target) {
                throw StoreError.invalid("\(target) exists and holds another key; move it away first")
            }
            try key.write(to: target)
        }
        AuditKeys.shared.remember(key)
    }

    /// A new epoch to start because the current key is lost for good: the keyring, the audited reason and the
    /// epoch expected next. Refused without a reason, on a store without a key, or when this terminal has the key.
    static func replacement(of status: AuditKeyStatus, reason: String) throws -> (
        keyring: AuditKeyring, reason: String, expectedEpoch: Int
    ) {
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else { throw StoreError.invalid("replacing the audit key needs a reason (--reason)") }
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
        return (keyring, "key of epoch \(epoch) lost: \(why)", epoch + 1)
    }

    /// The key of a new epoch: a key file left by a keying that was interrupted before it committed is reused; one
    /// for an event the store already has means the store's key record was removed (refused). `wrote` is the file
    /// written now, for the caller to remove if its transaction fails.
    static func keyForNewEpoch(storeId: String, epoch: Int, keyedFrom: Int64, keyring: AuditKeyring) throws -> (
        key: AuditKey, wrote: String?
    ) {
        let key = AuditKey.generate(storeId: storeId, epoch: epoch, keyedFrom: keyedFrom)
        guard let path = keyring.path(storeId: storeId, epoch: epoch) else { return (key, nil) }
        guard let existing = try AuditKey.read(path: path) else {
            try key.write(to: path)
            return (key, path)
        }
        guard existing.storeId == storeId, existing.epoch == epoch, existing.keyedFrom == keyedFrom else {
            throw StoreError.invalid(
                "the audit key \(path) says this store was keyed from event \(existing.keyedFrom), but the store "
                    + "records no key: its key record was removed. Nothing was changed; run `tumorboard verify`")
        }
        return (existing, nil)
    }

    /// The audited text of the "audit.key" event that starts an epoch.
    static func keyEventText(epoch: Int, key: AuditKey, keyedFrom: Int64, reason: String) -> String {
        "epoch \(epoch), key \(key.fingerprint), events from \(keyedFrom): \(reason)"
    }

    static let firstKeyReason = "the store's audit chain is keyed from here on"
}
