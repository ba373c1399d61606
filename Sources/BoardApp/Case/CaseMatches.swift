import BoardModel
import BoardStore
import Foundation
import TrialMatching

/// Keeps the case screen's trial matches current: when the stored ones are stale (computed on older
/// case or trial data) or were never stored, they are recomputed for this case (milliseconds) and
/// saved, unless the store is read-only, in which case they are only shown.
enum CaseMatches {
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
        if !store.isReadOnly { try store.saveMatches(caseId: record.record.id, matches) }
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

    init(store: any TrialStore) throws {
        let trials = try store.trials()
        engine = MatchEngine(trials: trials)
        byId = Dictionary(trials.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }
}
