import BoardModel
import Foundation
import Testing

@testable import BoardStore

@Suite("Notes, drafts and decisions")
struct DecisionTests {
    static func recommendation() -> Recommendation {
        Recommendation(
            kind: .targetedTherapy, therapy: "osimertinib", findingIds: ["C-1-F1"],
            evidence: EvidenceLevel(scale: .oncokb, code: "1"), rationale: "EGFR L858R")
    }

    @Test func draftSaveSignAndReadOnly() throws {
        let store = try Fixtures.seededStore()
        var d = try store.newDecision(caseId: "C-1", meetingId: "M-UP")
        #expect(d.id == "D-C-1-1" && d.version == 0)
        d.recommendations = [Self.recommendation()]
        d.consensus = .unanimous
        let saved = try store.saveDecision(d)
        #expect(saved.version == 1 && saved.status == .draft)
        let chair = try Fixtures.chair(store, board: "thoracic", person: "Dr. Ana Ruiz", login: "aruiz")
        let signed = try chair.signDecision(id: saved.id, expectedVersion: 1)
        #expect(signed.status == .final && signed.signedBy == "Dr. Ana Ruiz" && signed.signedAt != nil)
        #expect(signed.signedByLogin == "aruiz")
        var edit = signed
        edit.recommendations[0].rationale = "changed afterwards"
        #expect(throws: StoreError.self) { try store.saveDecision(edit) }
        let actions = try store.auditEvents(caseId: "C-1").map(\.action)
        #expect(actions.suffix(2) == ["decision.draft", "decision.sign"] || actions.contains("decision.sign"))
        #expect(try store.verify().isOK)
    }

    @Test func signingNeedsARecommendationAndAChair() throws {
        let store = try Fixtures.seededStore()
        let saved = try store.saveDecision(try store.newDecision(caseId: "C-1"))
        do {
            try store.signDecision(id: saved.id, expectedVersion: saved.version)
            Issue.record("expected a refusal")
        } catch let error as DecisionInvalid {
            // No meeting, so no chair; no recommendation; no consensus.
            #expect(error.problems.map(\.field) == ["recommendations", "consensus", "signedBy"])
        }
        #expect(try store.decision(id: saved.id)?.status == .draft)
    }

    @Test func invalidInputIsRefusedWithTheField() throws {
        let store = try Fixtures.seededStore()
        var d = try store.newDecision(caseId: "C-1")
        d.recommendations = [Recommendation(kind: .clinicalTrial, trialId: "NCT12")]
        #expect(throws: DecisionInvalid.self) { try store.saveDecision(d) }
        d.recommendations = [
            Recommendation(kind: .targetedTherapy, evidence: EvidenceLevel(scale: .escat, code: "VII"))
        ]
        do {
            try store.saveDecision(d)
            Issue.record("expected a refusal")
        } catch let error as DecisionInvalid {
            #expect(error.problems.first?.field == "recommendations[0].evidence")
        }
        #expect(try store.decisions(caseId: "C-1").isEmpty)
    }

    @Test func amendmentChainKeepsEarlierVersions() throws {
        let store = try Fixtures.seededStore()
        // D-1 in the fixtures is final for C-3.
        #expect(throws: StoreError.self) { try store.amendDecision(id: "D-1", reason: "   ") }
        let amendment = try store.amendDecision(id: "D-1", reason: "RNA confirmed a second fusion partner")
        #expect(amendment.amends == "D-1" && amendment.status == .draft && amendment.id == "D-C-3-1")
        #expect(throws: StoreError.self) { try store.amendDecision(id: "D-1", reason: "again") }
        var changed = amendment
        changed.recommendations[0].rationale = "FGFR2 fusion, confirmed by RNA"
        let saved = try store.saveDecision(changed)
        try Fixtures.chair(store, board: "gi", person: "Dr. Chen", login: "chen").signDecision(
            id: saved.id, expectedVersion: saved.version)
        let record = try #require(try store.caseRecord(id: "C-3"))
        #expect(record.decisions.map(\.id) == ["D-1", "D-C-3-1"])
        #expect(record.decisions[0].status == .amended)
        #expect(record.currentDecision?.id == "D-C-3-1")
        #expect(record.finalDecision?.recommendations[0].rationale == "FGFR2 fusion, confirmed by RNA")
        #expect(record.history.map(\.action).contains("decision.superseded"))
    }

    @Test func twoTerminalsEditingTheSameDecisionConflictInsteadOfOverwriting() throws {
        let path = Fixtures.temporaryDirectory() + "/board.sqlite"
        let alice = try BoardStore.open(path: path, user: "alice", keyring: Fixtures.keyring)
        try alice.importBundle(Fixtures.bundle, now: Fixtures.now)
        let bob = try BoardStore.open(path: path, user: "bob", keyring: Fixtures.keyring)
        var draft = try alice.newDecision(caseId: "C-1")
        draft.recommendations = [Self.recommendation()]
        let v1 = try alice.saveDecision(draft)
        // Both open version 1.
        var aliceEdit = try #require(try alice.decision(id: v1.id))
        var bobEdit = try #require(try bob.decision(id: v1.id))
        aliceEdit.recommendations[0].rationale = "alice's wording"
        bobEdit.recommendations[0].rationale = "bob's wording"
        try alice.saveDecision(aliceEdit)
        do {
            try bob.saveDecision(bobEdit)
            Issue.record("expected a conflict")
        } catch let conflict as DecisionConflict {
            #expect(conflict.mine.recommendations[0].rationale == "bob's wording")
            #expect(conflict.theirs.recommendations[0].rationale == "alice's wording")
            #expect(conflict.theirs.recordedBy == "alice")
        }
        #expect(try bob.decision(id: v1.id)?.recommendations[0].rationale == "alice's wording")
    }

    @Test func notesVersionAndConflict() throws {
        let store = try Fixtures.seededStore()
        let note = try store.addNote(caseId: "C-1", findingId: "C-1-F1", text: "  Resistance mechanism? 再検査  ")
        #expect(note.text == "Resistance mechanism? 再検査" && note.id == "N-C-1-1" && note.author == "tester")
        let v2 = try store.editNote(id: note.id, expectedVersion: 1, text: "Resistance mechanism: T790M negative")
        #expect(v2.version == 2)
        #expect(throws: NoteConflict.self) { try store.editNote(id: note.id, expectedVersion: 1, text: "stale edit") }
        #expect(try store.noteVersions(id: note.id).map(\.version) == [1, 2])
        #expect(
            try store.caseRecord(id: "C-1")?.notes.first { $0.id == note.id }?.text
                == "Resistance mechanism: T790M negative")
        #expect(throws: StoreError.self) { try store.addNote(caseId: "C-1", text: "  \n ") }
        #expect(throws: StoreError.notFound(kind: "finding", id: "C-2-F1")) {
            try store.addNote(caseId: "C-1", findingId: "C-2-F1", text: "x")
        }
        let actions = try store.auditEvents(caseId: "C-1").map(\.action)
        #expect(actions.contains("note.add") && actions.contains("note.edit"))
    }

    @Test func draftsArePerUserAndSurviveReopening() throws {
        let path = Fixtures.temporaryDirectory() + "/board.sqlite"
        do {
            let store = try BoardStore.open(path: path, user: "alice", keyring: Fixtures.keyring)
            try store.importBundle(Fixtures.bundle, now: Fixtures.now)
            try store.saveDraft(key: "note:C-1", body: "half a thought")
            try store.asUser("bob").saveDraft(key: "note:C-1", body: "bob's own")
        }
        let reopened = try BoardStore.open(path: path, user: "alice", keyring: Fixtures.keyring)
        #expect(try reopened.drafts().map(\.body) == ["half a thought"])
        #expect(try reopened.draft(key: "note:C-1")?.body == "half a thought")
        try reopened.deleteDraft(key: "note:C-1")
        #expect(try reopened.drafts().isEmpty)
        #expect(try reopened.asUser("bob").draft(key: "note:C-1")?.body == "bob's own")
    }
}
