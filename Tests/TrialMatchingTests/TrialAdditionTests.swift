import BoardFormats
import BoardModel
import BoardStore
import Foundation
import Testing

@testable import TrialMatching

/// Adding trials to a board reads of each admitted case only what the new trials can look at, with the case's
/// fingerprint from its match stamp (`TrialStore.rematch`, `CaseForMatching`), page by page. These tests hold that
/// the stored result is the same as a full re-match of every case against every trial, and what keeps stamps current.
@Suite struct TrialAdditionTests {
    static let cases = TrialGateTests.cases.filter { !$0.id.hasPrefix("G-0001") } + Fixtures.sample.cases
    static let trials = TrialGateTests.trials.filter { !$0.id.hasPrefix("NCT900000") || $0.id < "NCT90000016" }

    /// A store holding `cases` and `trials`, every case matched whole; the cases `unstamped` keeps get no stamp.
    static func matchedStore(_ trials: [Trial], unstamped: (String) -> Bool = { _ in false }) throws -> BoardStore {
        let store = try BoardStore.inMemory(user: "tester")
        try store.importBundle(BoardBundle(cases: cases, trials: trials), now: Fixtures.now)
        let version = try store.trialsVersion()
        let records = try store.casesForMatching()
        let results = MatchEngine(trials: trials).matchAll(records, on: Fixtures.day, at: Fixtures.now)
        try store.saveMatches(
            Array(zip(records.map(\.id), results)),
            stamps: records.filter { !unstamped($0.id) }.map {
                MatchStamp($0, on: Fixtures.day, trialsVersion: version, at: Fixtures.now)
            })
        return store
    }

    /// Every stored match in a comparable form (the same as `TrialGateTests.stored`, whole bodies included).
    static func stored(_ store: BoardStore) throws -> [String] {
        try TrialGateTests().stored(store, cases.map(\.id))
    }

    @Test func addingTrialsPageByPageEqualsAFullReMatch() throws {
        let full = try Self.matchedStore(Self.trials)
        let expected = try Self.stored(full)
        // One trial at a time for a few shapes, then several at once; half the cases without a stamp (read whole).
        let additions: [[String]] = [
            ["NCT90000003"], ["NCT00000105"], ["NCT06530718"], ["NCT00000101"], ["NCT00000102", "NCT00000103"],
            ["NCT90000007", "NCT90000011", "NCT00000104"],
        ]
        var partial = 0
        for ids in additions {
            let added = Self.trials.filter { ids.contains($0.id) }
            #expect(added.count == ids.count)
            for unstampedHalf in [false, true] {
                let store = try Self.matchedStore(
                    Self.trials.filter { !ids.contains($0.id) },
                    unstamped: { id in unstampedHalf && id.utf8.reduce(0) { $0 + Int($1) } % 2 == 0 })
                let version = try store.trialsVersion()
                try store.importBundle(BoardBundle(trials: added), now: Fixtures.now)
                let engine = MatchEngine(trials: added)
                let admitted = try store.caseIdsForMatching(narrowedBy: engine.gate)
                let wholes = Dictionary(
                    try store.casesForMatching(ids: admitted).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
                var pages = 0
                try store.rematch(
                    trialIds: Set(ids), caseIds: admitted, readsGene: { engine.readsGene($0) }, on: Fixtures.day,
                    through: try store.trialsVersion(), pageSize: 7,
                    match: { page in
                        pages += 1
                        #expect(page.count <= 7)
                        for input in page where input.fingerprint != nil {
                            let whole = try #require(wholes[input.record.id])
                            // A stamp gives the fingerprint of the whole case; fewer findings are read.
                            #expect(input.fingerprint == whole.fingerprint(on: Fixtures.day))
                            if input.record.findings.count < whole.findings.count { partial += 1 }
                        }
                        return engine.matchAll(page, on: Fixtures.day, at: Fixtures.now)
                    })
                #expect(pages == (admitted.count + 6) / 7)
                #expect(try store.trialsVersion() > version)
                #expect(try Self.stored(store) == expected, "\(ids), half unstamped: \(unstampedHalf)")
            }
        }
        #expect(
            expected.contains { $0.contains(" NCT00000105 ") } && expected.contains { $0.contains(" NCT90000003 ") })
        #expect(partial > 100, "cases read in part: \(partial)")
    }

    @Test func aStampIsCurrentUntilATrialChangesAndAgainOnceTheChangeIsMatchedEverywhere() throws {
        let board = Self.trials.filter { $0.id != "NCT00000105" }
        let store = try Self.matchedStore(board)
        let id = Self.cases[0].id
        let stamp = try #require(try store.currentMatchStamp(caseId: id))
        let record = try #require(try store.casesForMatching(ids: [id]).first)
        #expect(stamp.matches(record, on: Fixtures.day))
        // The patient a year older: the fingerprint differs (age in years), so the case is matched again.
        #expect(!stamp.matches(record, on: LocalDate(year: 2027, month: 11, day: 27)))

        // A new trial: no stamp is current until the trial is matched against every case.
        let added = Self.trials.first { $0.id == "NCT00000105" }!
        let before = try store.trialsVersion()
        try store.importBundle(BoardBundle(trials: [added]), now: Fixtures.now)
        #expect(try store.trialsVersion() > before)
        #expect(try store.currentMatchStamp(caseId: id) == nil)
        let engine = MatchEngine(trials: [added])
        try store.rematch(
            trialIds: [added.id], caseIds: try store.caseIdsForMatching(narrowedBy: engine.gate),
            readsGene: { engine.readsGene($0) }, on: Fixtures.day, through: try store.trialsVersion(), pageSize: 50,
            match: { engine.matchAll($0, on: Fixtures.day, at: Fixtures.now) })
        #expect(try store.currentMatchStamp(caseId: id) == stamp)

        // Re-importing the same trial changes nothing; changing it makes the stamps out of date again.
        let unchanged = try store.trialsVersion()
        try store.importBundle(BoardBundle(trials: [added]), now: Fixtures.now)
        #expect(try store.trialsVersion() == unchanged)
        var changed = added
        changed.title = "a new title"
        try store.importBundle(BoardBundle(trials: [changed]), now: Fixtures.now)
        #expect(try store.currentMatchStamp(caseId: id) == nil)
        // A change after the version a re-match read is not counted as matched by it.
        try store.rematch(
            trialIds: [added.id], caseIds: [], readsGene: { engine.readsGene($0) }, on: Fixtures.day,
            through: unchanged, pageSize: 50, match: { engine.matchAll($0, on: Fixtures.day, at: Fixtures.now) })
        #expect(try store.currentMatchStamp(caseId: id) == nil)
    }
}
