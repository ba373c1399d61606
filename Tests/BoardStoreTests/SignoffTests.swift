import BoardModel
import Foundation
import Testing

@testable import BoardStore

/// Sign-off by the chair's authenticated login: the signer is the process's operating-system login (replaced here
/// only through the internal `asLogin` seam), mapped to a person by the board's settings; only the meeting's chair
/// or a delegate the chair named signs; anyone else requests sign-off, and the chair confirms from their own login.
@Suite("Sign-off by the chair's login")
struct SignoffTests {
    /// A saved draft for C-1 on M-UP (chair Dr. Ana Ruiz, board thoracic), ready to sign.
    static func draft(_ store: BoardStore) throws -> Decision {
        var d = try store.newDecision(caseId: "C-1", meetingId: "M-UP", now: Fixtures.now)
        d.recommendations = [DecisionTests.recommendation()]
        d.consensus = .unanimous
        return try store.saveDecision(d, now: Fixtures.now)
    }

    /// A saved draft, and the coordinator's login (avries) and the chair's (aruiz) mapped on the thoracic board.
    static func coordinatorAndChair() throws -> (store: BoardStore, draft: Decision, coordinator: BoardStore) {
        let store = try Fixtures.seededStore()
        let saved = try Self.draft(store)
        let coordinator = store.asLogin("avries")
        try coordinator.setBoardLogin(boardId: "thoracic", login: "avries", person: "Anouk de Vries", now: Fixtures.now)
        try coordinator.setBoardLogin(boardId: "thoracic", login: "aruiz", person: "Dr. Ana Ruiz", now: Fixtures.now)
        return (store, saved, coordinator)
    }

    @Test func theLoginOfTheProcessIsTheOperatingSystemsNotTheUserOption() throws {
        let store = try BoardStore.inMemory(user: "somebody-typed-this")
        #expect(store.login == SystemLogin.current())
        #expect(store.login != "somebody-typed-this" || SystemLogin.current() == "somebody-typed-this")
        #expect(store.asUser("another name").login == store.login)
        #expect(!SystemLogin.current().isEmpty)
    }

    @Test func onlyTheChairsLoginSigns() throws {
        let (store, saved, coordinator) = try Self.coordinatorAndChair()
        // The coordinator holds the keyboard: refused, saying why, and nothing changes.
        let right = try coordinator.signingRight(decisionId: saved.id)
        #expect(!right.maySign && right.person == "Anouk de Vries" && right.chair == "Dr. Ana Ruiz")
        do {
            try coordinator.signDecision(id: saved.id, expectedVersion: saved.version, now: Fixtures.now)
            Issue.record("expected a refusal")
        } catch let error as StoreError {
            #expect(error.description.contains("only the chair Dr. Ana Ruiz or a delegate they named signs"))
        }
        #expect(try store.decision(id: saved.id)?.status == .draft)
        // A login nobody mapped cannot sign either, whatever --user says.
        #expect(try !store.asUser("Dr. Ana Ruiz").asLogin("mallory").signingRight(decisionId: saved.id).maySign)
        // The chair's own login signs.
        let signed = try store.asLogin("aruiz").signDecision(
            id: saved.id, expectedVersion: saved.version, now: Fixtures.now)
        #expect(signed.signedBy == "Dr. Ana Ruiz" && signed.signedByLogin == "aruiz" && signed.status == .final)
        // auditEvents is newest first.
        let event = try #require(try store.auditEvents(caseId: "C-1").first { $0.action == "decision.sign" })
        #expect(event.user == "aruiz")
    }

    @Test func aRequestWaitsForTheChairWhoConfirmsFromTheirOwnLogin() throws {
        let (store, saved, coordinator) = try Self.coordinatorAndChair()
        let request = try coordinator.requestSignoff(
            decisionId: saved.id, expectedVersion: saved.version, now: Fixtures.now)
        #expect(request.requestedBy == "avries" && request.meetingId == "M-UP")
        #expect(try store.signoffRequests(meetingId: "M-UP").map(\.decisionId) == [saved.id])
        #expect(try store.signoffRequests(meetingId: "M-PAST").isEmpty)
        let signed = try store.asLogin("aruiz").signDecision(
            id: saved.id, expectedVersion: saved.version, now: Fixtures.now)
        #expect(signed.signoffRequestedBy == "avries" && signed.signedByLogin == "aruiz")
        #expect(try store.signoffRequests().isEmpty)
        // The audit trail shows who asked and who signed, each by login.
        let events = try store.auditEvents(caseId: "C-1")
        let asked = try #require(events.first { $0.action == "decision.signoff-requested" })
        #expect(asked.user == "avries")
        #expect(events.first { $0.action == "decision.sign" }?.user == "aruiz")
        #expect(try store.verify().isOK)
    }

    @Test func aRequestNeedsASignableDraft() throws {
        let store = try Fixtures.seededStore()
        var d = try store.newDecision(caseId: "C-1", meetingId: "M-UP", now: Fixtures.now)
        d.recommendations = [DecisionTests.recommendation()]
        let saved = try store.saveDecision(d, now: Fixtures.now)
        #expect(throws: DecisionInvalid.self) {
            try store.requestSignoff(decisionId: saved.id, expectedVersion: saved.version)
        }
        #expect(throws: StoreError.self) { try store.requestSignoff(decisionId: saved.id, expectedVersion: 9) }
        #expect(try store.signoffRequests().isEmpty)
    }

    @Test func aDelegateTheChairNamedSigns() throws {
        let store = try Fixtures.seededStore()
        let saved = try Self.draft(store)
        let chair = try Fixtures.chair(store, board: "thoracic", person: "Dr. Ana Ruiz", login: "aruiz")
        try chair.setBoardLogin(boardId: "thoracic", login: "lee", person: "Dr. Lee", now: Fixtures.now)
        let lee = store.asLogin("lee")
        #expect(try !lee.signingRight(decisionId: saved.id).maySign)
        // Dr. Lee naming a delegate names one for Dr. Lee's own chairing, not for Dr. Ana Ruiz.
        try lee.setDelegate(boardId: "thoracic", delegate: "Dr. Ana Ruiz", now: Fixtures.now)
        #expect(try !lee.signingRight(decisionId: saved.id).maySign)
        #expect(throws: StoreError.self) { try chair.setDelegate(boardId: "thoracic", delegate: "Dr. Ana Ruiz") }
        // The chair's own login names Dr. Lee.
        try chair.setDelegate(boardId: "thoracic", delegate: "Dr. Lee", now: Fixtures.now)
        let right = try lee.signingRight(decisionId: saved.id)
        #expect(right.maySign && right.explanation.contains("a delegate Dr. Ana Ruiz named"))
        let signed = try lee.signDecision(id: saved.id, expectedVersion: saved.version, now: Fixtures.now)
        #expect(signed.signedBy == "Dr. Lee" && signed.signedByLogin == "lee")
        let settings = try store.signoffSettings(boardId: "thoracic")
        #expect(
            settings.delegates.map { "\($0.delegate) for \($0.chair) by \($0.namedBy)" }.contains(
                "Dr. Lee for Dr. Ana Ruiz by aruiz"))
        // Withdrawn, the delegation no longer counts.
        try chair.setDelegate(boardId: "thoracic", delegate: "Dr. Lee", remove: true, now: Fixtures.now)
        #expect(try !store.signoffSettings(boardId: "thoracic").maySign("Dr. Lee", chair: "Dr. Ana Ruiz"))
    }

    @Test func settingsChangeOnlyByMappedLogins() throws {
        let store = try Fixtures.seededStore()
        let first = store.asLogin("avries")
        try first.setBoardLogin(boardId: "thoracic", login: "aruiz", person: "Dr. Ana Ruiz", now: Fixtures.now)
        // Now the board has a mapping: an unmapped login changes nothing.
        #expect(throws: StoreError.self) {
            try first.setBoardLogin(boardId: "thoracic", login: "avries", person: "Anouk de Vries")
        }
        let chair = store.asLogin("aruiz")
        try chair.setBoardLogin(boardId: "thoracic", login: "avries", person: "Anouk de Vries", now: Fixtures.now)
        // Nobody adds a login to someone else's identity.
        do {
            try first.setBoardLogin(boardId: "thoracic", login: "mallory", person: "Dr. Ana Ruiz")
            Issue.record("expected a refusal")
        } catch let error as StoreError {
            #expect(error.description.contains("only Dr. Ana Ruiz's own login adds another"))
        }
        #expect(throws: StoreError.self) {
            try chair.setBoardLogin(boardId: "thoracic", login: "two words", person: "X")
        }
        let settings = try store.signoffSettings(boardId: "thoracic")
        #expect(settings.logins == ["aruiz": "Dr. Ana Ruiz", "avries": "Anouk de Vries"])
        #expect(try store.signoffSettings(boardId: "gi").logins.isEmpty)
        // The first setup, then the chair's change, each under the login that made it.
        let users = try store.auditEvents(caseId: nil).filter { $0.entity == "board" }.map(\.user)
        #expect(users.sorted() == ["aruiz", "avries"])
    }
}
