import BoardStore
import Foundation

/// Keeps an editor's unsaved text in the store as a draft: at most every two seconds while it changes,
/// and at once when asked (quit, termination signal). So a crash or `kill -9` loses at most two seconds.
@MainActor
final class DraftKeeper {
    let key: String
    static let interval: TimeInterval = 2
    private var pending: String?
    private var lastSaved: Date = .distantPast
    private(set) var savedCount = 0

    init(key: String) { self.key = key }

    /// The editor's content changed.
    func changed(_ body: String) { pending = body }

    /// Saves if something changed and the interval has passed.
    func saveIfDue(_ context: AppContext) {
        guard pending != nil, context.now.timeIntervalSince(lastSaved) >= Self.interval else { return }
        flush(context)
    }

    /// Saves the pending text now; false when the store refused it (read-only, disk full, busy).
    @discardableResult
    func flush(_ context: AppContext) -> Bool {
        guard let body = pending else { return true }
        do {
            try context.store.saveDraft(key: key, body: body, now: context.now)
            pending = nil
            lastSaved = context.now
            savedCount += 1
            return true
        } catch {
            // Read-only or full disk: keep it pending and try again on the next tick.
            return false
        }
    }

    /// The record was saved or the edit discarded: the draft goes.
    func discard(_ context: AppContext) {
        pending = nil
        try? context.store.deleteDraft(key: key)
    }
}
