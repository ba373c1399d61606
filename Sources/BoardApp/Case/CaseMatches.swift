import BoardModel
import BoardStore
import Foundation
import TrialMatching

/// Keeps the case screen's trial matches current: when the stored ones are stale (computed on older
/// case or trial data) or were never stored, they are recomputed for this case (milliseconds) and
/// saved, unless the store is read-only, in which case they are only shown. A case with no matches is matched again
/// only when its stamp (`MatchStamp`) is not current or was made on other data.
enum CaseMatches {
    /// Whether the store's stamp says the case, as `record` holds it today, was matched against the trials as they are.
    @MainActor
    static func matchedAlready(_ record: CaseRecord, context: AppContext) throws -> Bool {
        guard let stamp = try context.store.currentMatchStamp(caseId: record.record.id) else { return false }
        return stamp.matches(record.record, on: context.today)
    }

    /// The record with current matches: the session's earlier result for the same case data, else computed now
    /// (and saved when the store is writable); nil while the trials are still compiling in the background.
    @MainActor
    static func refreshed(_ record: CaseRecord, context: AppContext) throws -> CaseRecord? {
        let fingerprint = record.record.fingerprint(on: context.today)
        var updated = record
        if let known = context.computedMatches[record.record.id], known.fingerprint == fingerprint {
            updated.matches = known.matches
            updated.trials = known.trials
            updated.staleMatches = []
            return updated
        }
        guard let engine = try context.readyTrialEngine() else { return nil }
        updated = try refreshed(record, store: context.store, engine: engine, on: context.today, at: context.now)
        context.computedMatches[record.record.id] = (fingerprint, updated.matches, updated.trials)
        return updated
    }

    static func refreshed(
        _ record: CaseRecord, store: any StoreSession & TrialStore, engine: TrialEngine, on day: LocalDate, at now: Date
    ) throws -> CaseRecord {
        let matches = engine.engine.match(record.record, on: day, at: now, selection: .relevant)
        if !store.isReadOnly {
            try store.saveMatches(
                [(record.record.id, matches)],
                stamps: [MatchStamp(record.record, on: day, trialsVersion: engine.version, at: now)])
        }
        var updated = record
        updated.matches = matches
        updated.staleMatches = []
        var trials: [String: Trial] = [:]
        for id in Set(matches.map(\.trialId)) { trials[id] = engine.byId[id] }
        updated.trials = trials
        return updated
    }
}

/// The store's trials, read and compiled for matching once, with each trial by id.
struct TrialEngine {
    let engine: MatchEngine
    let byId: [String: Trial]
    /// The store's trials version read before the trials (`MatchStamp.trialsVersion` of the cases matched with them).
    let version: Int

    init(store: any TrialStore) throws {
        version = try store.trialsVersion()
        let trials = try store.trials()
        engine = MatchEngine(trials: trials)
        byId = Dictionary(trials.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }
}
