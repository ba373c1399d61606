import BoardModel
import Foundation

/// The chain compared with heads kept outside the store (witness logs, minutes), the same rules on both backends:
/// each backend only answers what its chain holds (AnchorChecks.Chain).
enum AnchorChecks {
    /// What one store says about its chain, read from its own tables.
    struct Chain {
        var storeId: String
        /// The hash of event `seq`, nil when the store has no such event.
        var hash: (Int64) throws -> String?
        /// The last event's number (0 when there is none).
        var end: () throws -> Int64
        /// Whether a recorded version of decision `decisionId` of case `caseId` has SHA-256 `hash`.
        var records: (_ caseId: String, _ decisionId: String, _ hash: String) throws -> Bool
    }

    /// Compares the chain with the heads a witness log holds for this store. A head from before a "restored"
    /// entry with a later event than the restored head was rolled back on purpose and is not held against the store.
    static func witnessed(_ entries: [WitnessLog.Entry], chain: Chain) throws -> AnchorComparison {
        var live: [WitnessLog.Entry] = []
        var rolledBack = 0
        // In the log's order, which is the order the heads were seen (the log is only ever appended to).
        for entry in entries where entry.head.storeId == chain.storeId {
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
            if let problem = try check(entry.head, witnessedAs: when, lastMatching: lastMatching, chain: chain) {
                result.problems.append(problem)
                break
            }
            lastMatching = entry.head.sequence
            result.latestMatching = entry.head
        }
        return result
    }

    /// One head against the store: nil when the store has that event with that hash.
    static func check(_ head: AuditHead, witnessedAs when: String, lastMatching: Int64, chain: Chain) throws -> String?
    {
        if head.sequence == 0 { return nil }
        if head.storeId != chain.storeId {
            return "the anchor is of another store (\(head.storeId)), not this one (\(chain.storeId))"
        }
        guard let hash = try chain.hash(head.sequence) else {
            let end = try chain.end()
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

    /// Compares the store with exported minutes: the chain head they carry, and each signed decision's SHA-256
    /// (some recorded version of the decision must have exactly that text).
    static func minutes(_ text: String, file: String, chain: Chain) throws -> AnchorComparison {
        var result = AnchorComparison(anchors: 0)
        if let head = AuditHead.parse(minutes: text) {
            result.anchors += 1
            if let problem = try check(head, witnessedAs: "in \(file)", lastMatching: 0, chain: chain) {
                result.problems.append(problem)
            } else {
                result.latestMatching = head
            }
        } else {
            result.notes.append("\(file) carries no audit chain head (minutes exported before tumorboard recorded it)")
        }
        for signed in MinutesAnchors.signedDecisions(in: text) {
            result.anchors += 1
            if !(try chain.records(signed.caseId, signed.decisionId, signed.hash)) {
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

    /// Whether one recorded `after` text of a decision is the version whose SHA-256 the minutes print.
    static func isVersion(_ recorded: String, hashed hash: String) -> Bool {
        if Digest.sha256(recorded) == hash { return true }
        // The minutes hash the decision as loaded and encoded again; an instant finer than a millisecond may
        // print differently the second time, so compare that form too.
        if let decision = try? Codec.decode(Decision.self, from: recorded),
            (try? BoardStore.decisionHash(decision)) == hash
        {
            return true
        }
        return false
    }
}
