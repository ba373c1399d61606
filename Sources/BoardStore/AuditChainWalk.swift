import BoardModel
import Foundation

/// Walks an audit chain from its first event, whatever store it came from: order, links, and each event's hash
/// (plain SHA-256 before the first key epoch, HMAC with the epoch's key after), the key records against the key files.
/// Both stores walk with it: SQLite hands its events over from a cursor (`AuditTrail.verify`), PostgreSQL as a list.
struct AuditChainWalk {
    var storeId: String
    var epochs: [AuditTrail.Epoch]

    func check(_ events: [AuditEvent]) throws -> ChainReport {
        var remaining = events.makeIterator()
        return try check { remaining.next() }
    }

    /// The walk over the events `next` hands over in sequence order until it returns nil. A key file that cannot be
    /// read, or that belongs to another store, is an error (not a missing key).
    func check(next: () throws -> AuditEvent?) throws -> ChainReport {
        var report = ChainReport()
        report.storeId = storeId
        let keyring = AuditKeys.shared.keyring(storeId: storeId)
        var keys: [Int: AuditKey] = [:]
        for e in epochs {
            guard let key = try AuditKeys.shared.key(storeId: storeId, epoch: e.epoch) else {
                report.missingKeys.append(
                    .init(
                        epoch: e.epoch, keyedFrom: e.keyedFrom, keyFile: keyring?.path(storeId: storeId, epoch: e.epoch)
                    ))
                continue
            }
            if key.keyedFrom != e.keyedFrom || key.fingerprint != e.fingerprint {
                report.firstBreak =
                    "the store's record of audit key epoch \(e.epoch) was altered: it says the key starts at event \(e.keyedFrom) "
                    + "with fingerprint \(e.fingerprint), the key file says event \(key.keyedFrom), fingerprint \(key.fingerprint)"
                return report
            }
            keys[e.epoch] = key
        }
        for orphan in AuditTrail.keyFiles(storeId: storeId, keyring: keyring)
        where !epochs.contains(where: { $0.epoch == orphan.epoch }) {
            report.firstBreak =
                "a key file for this store exists (\(orphan.path): epoch \(orphan.epoch), from event \(orphan.keyedFrom)) but the store "
                + "records no such key: the key record was removed from the store and events from \(orphan.keyedFrom) on may have been rewritten"
            return report
        }
        var previousHash = ""
        var expectedSequence: Int64 = 1
        while let event = try next() {
            report.checked += 1
            if let problem = problem(with: event, expected: expectedSequence, previousHash: previousHash, keys: keys) {
                report.firstBreak = problem
                return report
            }
            if let epoch = epochs.last(where: { $0.keyedFrom <= event.sequence }) {
                if keys[epoch.epoch] != nil { report.keyed += 1 } else { report.unverified += 1 }
            } else {
                report.unkeyed += 1
            }
            previousHash = event.hash
            expectedSequence += 1
        }
        report.head = AuditHead(storeId: storeId, sequence: expectedSequence - 1, hash: previousHash)
        return report
    }

    /// What is wrong with one event in its place in the chain, or nil.
    private func problem(with event: AuditEvent, expected: Int64, previousHash: String, keys: [Int: AuditKey])
        -> String?
    {
        if event.sequence != expected { return "event \(expected) is missing (next stored event is \(event.sequence))" }
        if event.previousHash != previousHash {
            return
                "event \(event.sequence) does not follow event \(event.sequence - 1) (previous-hash mismatch: an event was removed or reordered)"
        }
        guard let epoch = epochs.last(where: { $0.keyedFrom <= event.sequence }) else {
            return AuditTrail.hash(of: event) == event.hash
                ? nil
                : "event \(event.sequence) (\(event.action) \(event.entity) \(event.entityId)) was altered after it was written (hash mismatch)"
        }
        if epoch.keyedFrom == event.sequence && event.action != "audit.key" {
            return
                "event \(event.sequence) should start audit key epoch \(epoch.epoch) but is \(event.action): the key record was altered"
        }
        if let key = keys[epoch.epoch], key.mac(event.canonicalText) != event.hash {
            return
                "event \(event.sequence) (\(event.action) \(event.entity) \(event.entityId)) was altered after it was written "
                + "(its HMAC does not match the store's key, epoch \(epoch.epoch): rewritten without the key)"
        }
        return nil
    }
}
