import BoardModel
import BoardStore
import Foundation
import Testing

@testable import TrialMatching

/// After an import, matching looks again only at what changed (`tumorboard import` through MatchRefresh.changed):
/// every case against a new or changed trial, a new or changed case against every trial. These tests hold the two
/// facts that makes safe: the import names exactly what it changed, and matching against a few trials stores the
/// same matches as matching against all of them.
@Suite struct IncrementalMatchingTests {
    /// What the store holds as current matches, case by case, in a comparable form.
    func storedMatches(_ store: BoardStore) throws -> [String] {
        try Fixtures.sample.cases.flatMap { c -> [String] in
            let record = try #require(try store.caseRecord(id: c.id, on: Fixtures.day))
            #expect(record.staleMatches.isEmpty)
            return record.matches.map {
                "\($0.caseId) \($0.trialId) \($0.armId ?? "-") \($0.status) \($0.score) \($0.dataFingerprint)"
            }
        }.sorted()
    }

    func matchEveryCase(_ store: BoardStore, against trials: [Trial]) throws -> [(String, [TrialMatch])] {
        let cases = try store.casesForMatching()
        let results = MatchEngine(trials: trials).matchAll(cases, on: Fixtures.day, at: Fixtures.now)
        return Array(zip(cases.map(\.id), results))
    }

    @Test func aNewTrialIsMatchedAloneAndTheOtherTrialsMatchesStayAsTheyWere() throws {
        let trials = Fixtures.sample.trials
        let added = try #require(trials.first { $0.id == "NCT06530718" })
        var bundle = Fixtures.sample
        bundle.trials.removeAll { $0.id == added.id }

        // The whole board, matched in full, without the trial.
        let incremental = try BoardStore.inMemory(user: "tester")
        try incremental.importBundle(bundle, now: Fixtures.now)
        try incremental.saveMatches(try matchEveryCase(incremental, against: bundle.trials))
        let before = try incremental.counts()["trial matches"] ?? 0

        // The trial arrives: the import names it, and no case.
        let summary = try incremental.importBundle(BoardBundle(trials: [added]), now: Fixtures.now)
        #expect(summary.changedTrials == [added.id])
        #expect(summary.changedCases.isEmpty)
        let results = try matchEveryCase(incremental, against: [added])
        try incremental.saveMatches(trialIds: [added.id], results)
        #expect(try incremental.counts()["trial matches"] == before + results.reduce(0) { $0 + $1.1.count })
        #expect(results.contains { !$0.1.isEmpty }, "the trial matches some sample case, so the check has teeth")

        // The same as matching every case against every trial from scratch.
        let full = try BoardStore.inMemory(user: "tester")
        try full.importBundle(Fixtures.sample, now: Fixtures.now)
        try full.saveMatches(try matchEveryCase(full, against: trials))
        #expect(try storedMatches(incremental) == storedMatches(full))
    }

    @Test func changingOneCaseNamesThatCaseOnlyAndAnUnchangedImportNamesNothing() throws {
        let store = try BoardStore.inMemory(user: "tester")
        let first = try store.importBundle(Fixtures.sample, now: Fixtures.now)
        #expect(first.changedCases == Set(Fixtures.sample.cases.map(\.id)))
        #expect(first.changedTrials == Set(Fixtures.sample.trials.map(\.id)))

        let again = try store.importBundle(Fixtures.sample, now: Fixtures.now)
        #expect(again.changedCases.isEmpty)
        #expect(again.changedTrials.isEmpty)

        var changed = Fixtures.sampleCase("C-0001")
        changed.findings.removeAll { $0.gene == "MET" }
        let one = try store.importBundle(BoardBundle(cases: [changed]), now: Fixtures.now)
        #expect(one.changedCases == ["C-0001"])
        #expect(one.changedTrials.isEmpty)
        // Matching that case alone leaves every other case's stored matches untouched.
        try store.saveMatches(try matchEveryCase(store, against: Fixtures.sample.trials))
        let others = try storedMatches(store).filter { !$0.hasPrefix("C-0001 ") }
        let records = try store.casesForMatching(ids: ["C-0001"])
        #expect(records.map(\.id) == ["C-0001"])
        #expect(records[0].findings.count == changed.findings.count)
        let results = MatchEngine(trials: Fixtures.sample.trials).matchAll(records, on: Fixtures.day, at: Fixtures.now)
        try store.saveMatches([("C-0001", results[0])])
        #expect(try storedMatches(store).filter { !$0.hasPrefix("C-0001 ") } == others)
    }
}
