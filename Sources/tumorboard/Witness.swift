import BoardStore
import Foundation

/// Writes the audit chain heads this terminal sees into its witness log (BoardStore's WitnessLog): when a command
/// opens a store and again when it ends, so a later `tumorboard verify` can tell whether the store's chain was
/// cut short or rewritten since. A log that cannot be written is said once on stderr and does not stop the command.
final class Witness: @unchecked Sendable {
    static let shared = Witness()
    private let lock = NSLock()
    /// The stores this command opened. Held weakly: a store kept open to the end of the process would skip
    /// SQLite's checkpoint on close and leave its whole -wal file behind.
    private struct Opened {
        weak var store: BoardStore?
        let path: String
        let user: String
    }
    private var opened: [Opened] = []
    private var warned = false

    /// Records the head of a store just opened, and remembers the store for `recordAll`.
    func saw(_ store: BoardStore) {
        lock.withLock { opened.append(Opened(store: store, path: store.path, user: store.user)) }
        record(store)
    }

    /// Records the heads of every store opened by this command (at its end), reopening read-only those already closed.
    func recordAll() {
        var done = Set<String>()
        for entry in lock.withLock({ opened }) where done.insert(entry.path).inserted {
            if let store = entry.store {
                record(store)
            } else if let store = try? BoardStore.open(path: entry.path, user: entry.user, readOnly: true) {
                record(store)
            }
        }
    }

    /// Records a deliberate roll-back: the store now holds a backup's chain.
    func restored(_ store: BoardStore) {
        do { try WitnessLog.standard.record(try store.auditHead(), storePath: store.path, kind: .restored) } catch {
            warn(error)
        }
    }

    private func record(_ store: BoardStore) {
        do { try WitnessLog.standard.record(try store.auditHead(), storePath: store.path) } catch { warn(error) }
    }

    private func warn(_ error: Error) {
        let first = lock.withLock { () -> Bool in
            defer { warned = true }
            return !warned
        }
        if first {
            FileHandle.standardError.write(
                Data(
                    "tumorboard: could not record the audit chain head in \(WitnessLog.standard.path): \(error)\n".utf8)
            )
        }
    }
}
