import BoardModel
import BoardStore
import Foundation
import Testing

@testable import TrialMatching

/// A match computed on older data is never shown as current.
@Suite struct StalenessTests {
    func store() throws -> BoardStore {
        let store = try BoardStore.inMemory(user: "tester")
        try store.importBundle(Fixtures.sample, now: Fixtures.now)
        return store
    }

    func matchAndSave(_ store: BoardStore, _ caseId: String, on day: LocalDate = Fixtures.day) throws -> [TrialMatch] {
        let record = try #require(try store.caseRecord(id: caseId, on: day)).record
        let matches = MatchEngine(trials: try store.trials()).match(record, on: day, at: Fixtures.now)
        try store.saveMatches(caseId: caseId, matches)
        return matches
    }

    @Test func aChangedFindingMakesTheStoredMatchesStale() throws {
        let store = try store()
        let computed = try matchAndSave(store, "C-0001")
        let fresh = try #require(try store.caseRecord(id: "C-0001", on: Fixtures.day))
        #expect(fresh.matches.count == computed.count)
        #expect(fresh.staleMatches.isEmpty)
        #expect(try store.staleMatches(on: Fixtures.day).isEmpty)

        // MET amplification withdrawn after review.
        var changed = fresh.record
        changed.findings.removeAll { $0.gene == "MET" }
        try store.saveCase(changed, now: Fixtures.now)
        let stale = try #require(try store.caseRecord(id: "C-0001", on: Fixtures.day))
        #expect(stale.matches.isEmpty)
        #expect(stale.staleMatches.count == computed.count)
        #expect(Set(try store.staleMatches(on: Fixtures.day).map(\.caseId)) == ["C-0001"])

        // Recomputed: current again, and MET-OSI-3 is no longer eligible.
        let again = try matchAndSave(store, "C-0001")
        let current = try #require(try store.caseRecord(id: "C-0001", on: Fixtures.day))
        #expect(current.staleMatches.isEmpty)
        #expect(current.matches.count == again.count)
        #expect(current.matches.first { $0.trialId == "NCT06530718" }?.status == .notEligible)
    }

    @Test func aChangedTrialOrABirthdayMakesMatchesStale() throws {
        let store = try store()
        _ = try matchAndSave(store, "C-0003")
        var trial = try #require(try store.trial(id: "NCT06612045"))
        trial.status = .completed
        try store.importBundle(BoardBundle(trials: [trial]), now: Fixtures.now)
        let record = try #require(try store.caseRecord(id: "C-0003", on: Fixtures.day))
        #expect(record.staleMatches.map(\.trialId) == ["NCT06612045"])
        #expect(!record.matches.isEmpty)
        // C-0003 was born on 30 January: on his birthday the age-dependent matches are recomputed.
        let birthday = LocalDate(year: 2027, month: 1, day: 30)
        #expect(try store.caseRecord(id: "C-0003", on: birthday)?.matches.isEmpty == true)
    }

    @Test func savingAllCasesIsOneTransactionAndReplacesEachCasesSet() throws {
        let store = try store()
        let cases = try store.casesForMatching()
        #expect(cases.count == Fixtures.sample.cases.count)
        let engine = MatchEngine(trials: try store.trials())
        let results = engine.matchAll(cases, on: Fixtures.day, at: Fixtures.now)
        try store.saveMatches(Array(zip(cases.map(\.id), results)))
        #expect(try store.counts()["trial matches"] == results.reduce(0) { $0 + $1.count })
        try store.saveMatches(caseId: "C-0001", [])
        #expect(try store.caseRecord(id: "C-0001", on: Fixtures.day)?.matches.isEmpty == true)
        #expect(try store.counts()["trial matches"] == results.reduce(0) { $0 + $1.count } - results[0].count)
    }

    @Test func theFingerprintIgnoresWhatMatchingDoesNotRead() {
        var record = Fixtures.sampleCase("C-0001")
        let before = record.fingerprint(on: Fixtures.day)
        record.question = "Something else entirely?"
        record.status = .discussed
        #expect(record.fingerprint(on: Fixtures.day) == before)
        record.performance?.ecog = 2
        #expect(record.fingerprint(on: Fixtures.day) != before)
    }
}
