import BoardFormats
import BoardModel
import BoardStore
import Foundation
import Testing

@testable import BoardApp

/// A case with no matches is matched once, not on every open: its stamp (`MatchStamp`) says it was matched whole on
/// the data it still has, against the trials as they are. A new trial or a changed case matches it again.
@MainActor
@Suite("A case without matches is matched once across sessions")
struct MatchStampTests {
    /// The sample board plus a case no trial can match: a deceased patient, no OncoTree code, no findings.
    static func store() throws -> BoardStore {
        let store = try SampleBoard.store()
        let patient = Patient(
            id: "ZP-1", name: PersonName(given: "Synthetic", family: "Unmatched"),
            birthDate: LocalDate(year: 1950, month: 3, day: 1), sex: .female, vitalStatus: .deceased)
        let record = Case(id: "Z-1", patient: patient, diagnosis: Diagnosis(text: "unspecified tumour"))
        try store.importBundle(BoardBundle(cases: [record]), now: SampleBoard.now)
        return store
    }

    /// Opens the case in a new session (a new app on the same store) and returns its stamp afterwards.
    func openInNewSession(_ store: BoardStore) throws -> MatchStamp? {
        let (app, _) = try SampleBoard.app(width: 160, height: 48, store: store)
        app.run(.openCase("Z-1"))
        let record = try #require((app.stack.last as? CaseScreen)?.view.record)
        #expect(record.matches.isEmpty)
        return try store.currentMatchStamp(caseId: "Z-1")
    }

    /// Marks the stamp so that a later match would show (it sets the time of matching to the session clock's).
    func mark(_ store: BoardStore, _ stamp: MatchStamp) throws {
        var marked = stamp
        marked.matchedAt = Date(timeIntervalSince1970: 0)
        try store.saveMatches([("Z-1", [])], stamps: [marked])
    }

    @Test func aCaseOpenedTwiceIsMatchedOnce() throws {
        let store = try Self.store()
        #expect(try store.currentMatchStamp(caseId: "Z-1") == nil)
        let first = try #require(try openInNewSession(store))
        #expect(first.matchedAt == SampleBoard.now)
        try mark(store, first)
        let second = try #require(try openInNewSession(store))
        #expect(second.matchedAt == Date(timeIntervalSince1970: 0), "opened again: not matched again")
    }

    @Test func aNewTrialOrAChangedCaseMatchesItAgain() throws {
        let store = try Self.store()
        try mark(store, try #require(try openInNewSession(store)))
        var trial = try #require(try store.trials().first)
        trial.id = "NCT99999901"
        try store.importBundle(BoardBundle(trials: [trial]), now: SampleBoard.now)
        #expect(try store.currentMatchStamp(caseId: "Z-1") == nil, "a trial changed since the stamp")
        let afterTrial = try #require(try openInNewSession(store))
        #expect(afterTrial.matchedAt == SampleBoard.now)

        try mark(store, afterTrial)
        var changed = try #require(try store.casesForMatching(ids: ["Z-1"]).first)
        changed.performance = PerformanceStatus(ecog: 2)
        try store.importBundle(BoardBundle(cases: [changed]), now: SampleBoard.now)
        let afterCase = try #require(try openInNewSession(store))
        #expect(afterCase.matchedAt == SampleBoard.now)
        #expect(afterCase.fingerprint != afterTrial.fingerprint)
    }
}
