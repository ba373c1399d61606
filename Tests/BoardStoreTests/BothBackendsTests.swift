import BoardModel
import Foundation
import Testing

@testable import BoardStore

/// Store behaviour that must be the same on SQLite and PostgreSQL, each test run on both (PostgreSQL when a server
/// is configured: see PostgresTestServer). The areas grow with the PostgreSQL store (Backend.Store).
struct BothBackendsTests {
    @Test(.enabled(if: PostgresTestServer.runs, PostgresTestServer.skipReason))
    func thePostgresServerIsThere() throws {
        let db = try PostgresTestServer.freshDatabase()
        #expect(try db.open().schemaVersion() > 0)
    }

    @Test(arguments: Backend.available)
    func draftsAreKeptPerMember(backend: Backend) throws {
        let (store, other) = try backend.makeBoard()
        try store.saveDraft(key: "note:C-1", body: "half a thought", now: Fixtures.now)
        try other("site_b").saveDraft(key: "note:C-1", body: "site b's own", now: Fixtures.now)
        try store.saveDraft(key: "note:C-1", body: "a whole thought", now: Fixtures.now.addingTimeInterval(1))
        #expect(try store.drafts().map(\.body) == ["a whole thought"])
        #expect(try store.draft(key: "note:C-1")?.updatedAt == Fixtures.now.addingTimeInterval(1))
        try store.deleteDraft(key: "note:C-1")
        #expect(try store.drafts().isEmpty)
        #expect(try other("site_b").draft(key: "note:C-1")?.body == "site b's own")
    }

    @Test(arguments: Backend.available)
    func aNewStoreIsKeyedAndVerifies(backend: Backend) throws {
        let (store, _) = try backend.makeBoard()
        let status = try store.auditKeyStatus()
        #expect(status.epoch == 1 && status.available)
        #expect(try store.storeId().count == 32)
        let head = try store.auditHead()
        #expect(head.sequence == 1 && head.hash.count == 64)
        #expect(try store.auditEvents(caseId: nil, limit: 10).map(\.action) == ["audit.key"])
        let report = try store.verify()
        #expect(report.isOK, "\(report.problems)")
        #expect(report.chain.keyed == 1)
        #expect(try store.externalChangeCounter() >= 0)
    }
}

/// Cases and notes on both backends.
struct BothBackendsCaseTests {
    @Test(arguments: Backend.available)
    func aSavedCaseReadsBackWithItsFindingsAndHeadline(backend: Backend) throws {
        let (store, _) = try backend.makeBoard()
        for record in Fixtures.cases { try store.saveCase(record, now: Fixtures.now) }
        let record = try #require(try store.caseRecord(id: "C-1", on: LocalDate(Fixtures.now)))
        #expect(record.record.findings.map(\.id) == ["C-1-F1", "C-1-F2"])
        #expect(record.record.findings == Fixtures.cases[0].findings)
        #expect(record.record.patient.name.display == "Núñez, José")
        let headline = try #require(try store.headline(caseId: "C-2"))
        #expect(headline.patientName == "山田 花子" && headline.oncotreeCode == "GIST" && headline.findingCount == 1)
        #expect(try store.cases(meetingId: nil, limit: 10, offset: 0).map(\.id) == ["C-1", "C-2", "C-3"])
        #expect(try store.cases(meetingId: nil, limit: 1, offset: 1).map(\.id) == ["C-2"])
        #expect(try store.backlogCount() == 3)
        let counts = try store.counts()
        #expect(counts["cases"] == 3 && counts["findings"] == 4)
        // Saving the same record again changes nothing and audits nothing.
        let events = try store.auditEvents(caseId: nil, limit: 100).count
        try store.saveCase(Fixtures.cases[0], now: Fixtures.now)
        #expect(try store.auditEvents(caseId: nil, limit: 100).count == events)
    }

    @Test(arguments: Backend.available)
    func statusChangesAndCorrectionsAreAuditedWithBeforeAndAfter(backend: Backend) throws {
        let (store, _) = try backend.makeBoard()
        try store.saveCase(Fixtures.cases[1], now: Fixtures.now)
        try store.setCaseStatus(caseId: "C-2", to: .ready, now: Fixtures.now)
        let edited = try store.editCase(id: "C-2", field: .ecog, to: "2", now: Fixtures.now)
        #expect(edited.performance?.ecog == 2)
        #expect(try store.headline(caseId: "C-2")?.ecog == 2)
        #expect(try store.headline(caseId: "C-2")?.status == .ready)
        let history = try #require(try store.caseRecord(id: "C-2", on: LocalDate(Fixtures.now))).history
        #expect(history.map(\.action) == ["case.status", "case.status", "case.edit"])
        #expect(history[1].before == "new" && history[1].after == "ready")
        #expect(history.allSatisfy { $0.user == store.user })
        #expect(throws: StoreError.notFound(kind: "case", id: "C-404")) {
            try store.setCaseStatus(caseId: "C-404", to: .ready, now: Fixtures.now)
        }
        #expect(try store.verify().isOK)
    }

    @Test(arguments: Backend.available)
    func aRecordOfAnotherPatientCannotTakeOverACase(backend: Backend) throws {
        let (store, _) = try backend.makeBoard()
        try store.saveCase(Fixtures.cases[0], now: Fixtures.now)
        var other = Fixtures.cases[2]
        other.id = "C-1"
        #expect(throws: StoreError.self) { try store.saveCase(other, now: Fixtures.now) }
        #expect(try store.headline(caseId: "C-1")?.patientName == "Núñez, José")
    }

    @Test(arguments: Backend.available)
    func notesAreVersionedAndAStaleEditIsAConflict(backend: Backend) throws {
        let (store, other) = try backend.makeBoard()
        try store.saveCase(Fixtures.cases[0], now: Fixtures.now)
        let note = try store.addNote(
            caseId: "C-1", findingId: "C-1-F1", trialId: nil, text: "  L858R: osimertinib first line  ", meetingId: nil,
            now: Fixtures.now)
        #expect(note.id == "N-C-1-1" && note.text == "L858R: osimertinib first line" && note.author == store.user)
        let second = try other("site_b").addNote(
            caseId: "C-1", findingId: nil, trialId: nil, text: "second", meetingId: nil, now: Fixtures.now)
        #expect(second.id == "N-C-1-2" && second.author == "site_b")
        let edited = try other("site_b").editNote(id: note.id, expectedVersion: 1, text: "edited", now: Fixtures.now)
        #expect(edited.version == 2 && edited.author == "site_b")
        let conflict = try #require(throws: NoteConflict.self) {
            try store.editNote(id: note.id, expectedVersion: 1, text: "mine", now: Fixtures.now)
        }
        #expect(conflict.theirs.text == "edited" && conflict.mine == "mine")
        #expect(try store.noteVersions(id: note.id).map(\.text) == ["L858R: osimertinib first line", "edited"])
        let record = try #require(try store.caseRecord(id: "C-1", on: LocalDate(Fixtures.now)))
        #expect(record.notes.map(\.text) == ["edited", "second"])
        #expect(throws: StoreError.notFound(kind: "finding", id: "C-9-F9")) {
            try store.addNote(
                caseId: "C-1", findingId: "C-9-F9", trialId: nil, text: "x", meetingId: nil, now: Fixtures.now)
        }
        #expect(throws: StoreError.invalid("a note needs some text")) {
            try store.addNote(
                caseId: "C-1", findingId: nil, trialId: nil, text: "  ", meetingId: nil, now: Fixtures.now)
        }
        let report = try store.verify()
        #expect(report.isOK, "\(report.problems)")
    }
}

/// Decisions and sign-off on both backends: concurrent saves detected, the chair's own login signs.
struct BothBackendsDecisionTests {
    /// A saved draft for C-1 on M-UP (chair Dr. Ana Ruiz, board thoracic), and site_c mapped as that chair.
    static func draftAndChair(_ backend: Backend) throws -> (
        any Backend.Store, Decision, (String) throws -> any Backend.Store
    ) {
        let (store, other) = try backend.makeBoard(Fixtures.bundle)
        var d = try store.newDecision(caseId: "C-1", meetingId: "M-UP", now: Fixtures.now)
        #expect(d.id == "D-C-1-1" && d.version == 0)
        d.recommendations = [DecisionTests.recommendation()]
        d.consensus = .unanimous
        let saved = try store.saveDecision(d, now: Fixtures.now)
        try store.setBoardLogin(boardId: "thoracic", login: "site_a", person: "Anouk de Vries", now: Fixtures.now)
        try store.setBoardLogin(boardId: "thoracic", login: "site_c", person: "Dr. Ana Ruiz", now: Fixtures.now)
        return (store, saved, other)
    }

    @Test(arguments: Backend.available)
    func aBundleImportsAndImportsAgainUnchanged(backend: Backend) throws {
        let (store, _) = try backend.makeBoard(Fixtures.bundle)
        let counts = try store.counts()
        #expect(counts["boards"] == 2 && counts["cases"] == 3 && counts["meetings"] == 2 && counts["decisions"] == 1)
        #expect(try store.cases(meetingId: "M-UP", limit: 10, offset: 0).map(\.id) == ["C-1"])
        #expect(try store.backlog(limit: 10, offset: 0).map(\.id).sorted() == ["C-2", "C-3"])
        let record = try #require(try store.caseRecord(id: "C-3", on: LocalDate(Fixtures.now)))
        #expect(record.decisions.map(\.id) == ["D-1"] && record.notes.map(\.id) == ["N-1"])
        #expect(record.meetings.map(\.id) == ["M-PAST"])
        let events = try store.auditHead().sequence
        let again: ImportSummary
        switch store {
        case let sqlite as BoardStore: again = try sqlite.importBundle(Fixtures.bundle, now: Fixtures.now)
        case let postgres as PostgresBoardStore:
            again = try postgres.importBundle(Fixtures.bundle, dryRun: false, now: Fixtures.now, progress: nil)
        default: throw StoreError.other("unknown backend")
        }
        #expect(again.counts.values.allSatisfy { $0.created == 0 && $0.updated == 0 }, "\(again.counts)")
        #expect(again.counts["finding"]?.unchanged == 4)
        #expect(try store.auditHead().sequence == events)
        #expect(try store.verify().isOK)
    }

    @Test(arguments: Backend.available)
    func aSaveOverSomeoneElsesNewerVersionIsAConflict(backend: Backend) throws {
        let (store, saved, other) = try Self.draftAndChair(backend)
        var mine = saved
        var theirs = saved
        theirs.attendeesPresent = ["site b"]
        let stored = try other("site_b").saveDecision(theirs, now: Fixtures.now)
        #expect(stored.version == saved.version + 1 && stored.recordedBy == "site_b")
        mine.attendeesPresent = ["site a"]
        let conflict = try #require(throws: DecisionConflict.self) { try store.saveDecision(mine, now: Fixtures.now) }
        #expect(conflict.theirs.attendeesPresent == ["site b"] && conflict.mine.attendeesPresent == ["site a"])
        #expect(try store.decision(id: saved.id)?.attendeesPresent == ["site b"])
        // A second decision of the same presentation is refused.
        var again = try store.newDecision(caseId: "C-1", meetingId: "M-UP", now: Fixtures.now)
        again.recommendations = [DecisionTests.recommendation()]
        #expect(throws: StoreError.self) { try store.saveDecision(again, now: Fixtures.now) }
    }

    /// Two sites start a decision on one case at once: both are offered the same next id, and the second to save gets
    /// the case's next free id instead of a conflict over a decision it never saw (the full PostgreSQL load test hit
    /// this as "changed by site_e (now version 1)").
    @Test(arguments: Backend.available)
    func twoNewDecisionsOnOneCaseAtOnceAreTwoDecisions(backend: Backend) throws {
        let (store, other) = try backend.makeBoard(Fixtures.bundle)
        let siteB = try other("site_b")
        var mine = try store.newDecision(caseId: "C-2", meetingId: nil, now: Fixtures.now)
        var theirs = try siteB.newDecision(caseId: "C-2", meetingId: nil, now: Fixtures.now)
        #expect(mine.id == theirs.id)
        mine.recommendations = [Recommendation(kind: .furtherDiagnostics, rationale: "mine")]
        theirs.recommendations = [Recommendation(kind: .furtherDiagnostics, rationale: "theirs")]
        let savedTheirs = try siteB.saveDecision(theirs, now: Fixtures.now)
        let savedMine = try store.saveDecision(mine, now: Fixtures.now)
        #expect(savedTheirs.id == "D-C-2-1" && savedMine.id == "D-C-2-2")
        #expect(savedMine.version == 1 && savedTheirs.version == 1)
        #expect(try store.decision(id: "D-C-2-1")?.recommendations.first?.rationale == "theirs")
        #expect(try store.decision(id: "D-C-2-2")?.recommendations.first?.rationale == "mine")
        // A save of an already saved decision over a newer version is still a conflict.
        var stale = savedMine
        var newer = savedMine
        newer.recommendations = [Recommendation(kind: .furtherDiagnostics, rationale: "newer")]
        _ = try siteB.saveDecision(newer, now: Fixtures.now)
        stale.recommendations = [Recommendation(kind: .furtherDiagnostics, rationale: "stale")]
        #expect(throws: DecisionConflict.self) { try store.saveDecision(stale, now: Fixtures.now) }
        #expect(try store.verify().isOK)
    }

    /// A first save that committed but whose reply was lost, sent again at version 0: the answer is the stored
    /// decision, not a second decision with the next id (and not a conflict with oneself).
    @Test(arguments: Backend.available)
    func aRetriedFirstSaveIsTheSameDecision(backend: Backend) throws {
        let (store, _) = try backend.makeBoard(Fixtures.bundle)
        var mine = try store.newDecision(caseId: "C-2", meetingId: nil, now: Fixtures.now)
        mine.recommendations = [Recommendation(kind: .furtherDiagnostics, rationale: "mine")]
        let first = try store.saveDecision(mine, now: Fixtures.now)
        let again = try store.saveDecision(mine, now: Fixtures.now.addingTimeInterval(5))
        #expect(again.id == first.id && again.version == 1)
        #expect(try store.decision(id: "D-C-2-2") == nil)
        // The same draft with other content is another decision (as when another terminal took the id).
        mine.recommendations = [Recommendation(kind: .furtherDiagnostics, rationale: "changed")]
        #expect(try store.saveDecision(mine, now: Fixtures.now).id == "D-C-2-2")
        #expect(try store.verify().isOK)
    }

    @Test(arguments: Backend.available)
    func onlyTheChairsOwnLoginSignsAndAnAmendmentSupersedes(backend: Backend) throws {
        let (store, saved, other) = try Self.draftAndChair(backend)
        let right = try store.signingRight(decisionId: saved.id)
        #expect(!right.maySign && right.person == "Anouk de Vries" && right.chair == "Dr. Ana Ruiz")
        #expect(throws: StoreError.self) {
            try store.signDecision(id: saved.id, expectedVersion: saved.version, now: Fixtures.now)
        }
        let request = try store.requestSignoff(decisionId: saved.id, expectedVersion: saved.version, now: Fixtures.now)
        #expect(request.requestedBy == "site_a")
        #expect(try store.signoffRequests(meetingId: "M-UP").map(\.decisionId) == [saved.id])
        #expect(try !other("site_b").signingRight(decisionId: saved.id).maySign)
        let chair = try other("site_c")
        let signed = try chair.signDecision(id: saved.id, expectedVersion: saved.version, now: Fixtures.now)
        #expect(signed.status == .final && signed.signedBy == "Dr. Ana Ruiz" && signed.signedByLogin == "site_c")
        #expect(signed.signoffRequestedBy == "site_a")
        #expect(try store.signoffRequests(meetingId: nil).isEmpty)
        let events = try store.auditEvents(caseId: "C-1", limit: 100)
        #expect(events.first { $0.action == "decision.sign" }?.user == "site_c")
        #expect(events.first { $0.action == "decision.signoff-requested" }?.user == "site_a")
        // A final decision is read-only; an amendment, once signed, supersedes it.
        #expect(throws: StoreError.self) { try store.saveDecision(signed, now: Fixtures.now) }
        let amendment = try store.amendDecision(id: saved.id, reason: "new scan", now: Fixtures.now)
        #expect(amendment.id == "D-C-1-2" && amendment.amends == saved.id)
        let signedAmendment = try chair.signDecision(
            id: amendment.id, expectedVersion: amendment.version, now: Fixtures.now)
        #expect(signedAmendment.status == .final)
        #expect(try store.decisions(caseId: "C-1").map(\.status) == [.amended, .final])
        let report = try store.verify()
        #expect(report.isOK && report.decisionsChecked == 3, "\(report.problems)")
    }
}

/// Search on both backends: the same folding (accents, letters typed without their key, case, punctuation).
struct BothBackendsSearchTests {
    @Test(arguments: Backend.available)
    func searchFoldsAccentsAndFindsEachKindOfRecord(backend: Backend) throws {
        let (store, _) = try backend.makeBoard(Fixtures.bundle)
        #expect(try store.search("nunez", limit: 50).compactMap(\.caseId).contains("C-1"))
        #expect(try store.search("NÚÑEZ jose", limit: 50).compactMap(\.caseId).contains("C-1"))
        #expect(try store.search("ostergaard", limit: 50).compactMap(\.caseId) == ["C-3"])
        #expect(try store.search("山田", limit: 50).compactMap(\.caseId) == ["C-2"])
        #expect(try store.search("L858R", limit: 50).first?.caseId == "C-1")
        #expect(try store.search("p.L858", limit: 50).first?.caseId == "C-1")
        #expect(try store.search("resume rna", limit: 50).map(\.kind) == ["note"])
        #expect(try store.search("osimertinib basket", limit: 50).map(\.ref) == ["NCT01234567"])
        #expect(try store.search("\"unbalanced", limit: 50).isEmpty)
        #expect(try store.search("   ", limit: 50).isEmpty)
        #expect(try store.search("no-such-word-anywhere", limit: 50).isEmpty)
        // A note added later, and a corrected case, are found at once.
        try store.addNote(
            caseId: "C-2", findingId: nil, trialId: nil, text: "Imatinib für drei Jahre", meetingId: nil,
            now: Fixtures.now)
        #expect(try store.search("fur drei", limit: 50).map(\.caseId) == ["C-2"])
        try store.editCase(id: "C-2", field: .question, to: "Ripretinib after progression?", now: Fixtures.now)
        #expect(try store.search("ripretinib", limit: 50).map(\.kind) == ["case"])
    }
}

/// Trials and stored matches on both backends: a match computed on older data goes to the stale list.
struct BothBackendsTrialTests {
    @Test(arguments: Backend.available)
    func matchesAreReplacedPerCaseAndAMatchOnOlderDataIsStale(backend: Backend) throws {
        let (store, _) = try backend.makeBoard(Fixtures.bundle)
        let day = LocalDate(Fixtures.now)
        let trial = try #require(try store.trial(id: "NCT01234567"))
        #expect(try store.trials().map(\.id) == ["NCT01234567"])
        let cases = try store.casesForMatching()
        #expect(cases.map(\.id) == ["C-1", "C-2", "C-3"] && cases[0].findings.count == 2)
        func match(_ caseId: String, fingerprint: String) -> TrialMatch {
            TrialMatch(
                caseId: caseId, trialId: trial.id, outcomes: [], status: .possiblyEligible, score: 0.5,
                computedAt: Fixtures.now, dataFingerprint: fingerprint)
        }
        let current = MatchFingerprint.combine(case: cases[0].fingerprint(on: day), trial: trial.fingerprint)
        try store.saveMatches([
            (caseId: "C-1", matches: [match("C-1", fingerprint: current)]),
            (caseId: "C-2", matches: [match("C-2", fingerprint: "computed on older data")]),
        ])
        #expect(try store.staleMatches(on: day).map(\.caseId) == ["C-2"])
        let record = try #require(try store.caseRecord(id: "C-1", on: day))
        #expect(record.matches.map(\.trialId) == ["NCT01234567"] && record.trials[trial.id] != nil)
        try store.saveMatches(caseId: "C-2", [])
        #expect(try store.staleMatches(on: day).isEmpty)
        #expect(try store.counts()["trial matches"] == 1)
    }
}
