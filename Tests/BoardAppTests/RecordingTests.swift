import BoardModel
import Foundation
import TUIKit
import TestSupport
import Testing

@testable import BoardApp
@testable import BoardStore

/// Notes and decisions recorded through the screens: editor, drafts, validation, sign-off, amendment.
@MainActor
@Suite("Recording notes and decisions")
struct RecordingTests {
    @Test func noteEditorSavesWithCtrlSAndKeepsUTF8() throws {
        let (app, _) = try SampleBoard.app(width: 120, height: 40)
        app.run(.openCase("C-0003"))
        app.handle(.char("n"))
        let editor = try #require(app.stack.last as? NoteEditorScreen)
        #expect(editor.target == NoteTarget(caseId: "C-0003"))
        app.type("Sotorasib first; ré-évaluer à 6 semaines. 再検査")
        app.handle(.paste("line two\r\nline three"))
        app.handle(.ctrl("s"))
        #expect(app.stack.last is CaseScreen)
        let notes = try #require(try app.sqliteStore.caseRecord(id: "C-0003")).notes
        let saved = try #require(notes.last)
        #expect(saved.text == "Sotorasib first; ré-évaluer à 6 semaines. 再検査line two\nline three")
        #expect(saved.author == "tester")
        #expect(try app.sqliteStore.drafts().isEmpty)
    }

    @Test func noteOnTheSelectedFinding() throws {
        let (app, _) = try SampleBoard.app(width: 120, height: 40)
        app.run(.openCase("C-0004"))
        app.handle(.char("2"))
        app.handle(.char("n"))
        let editor = try #require(app.stack.last as? NoteEditorScreen)
        let top = try #require(try app.sqliteStore.caseRecord(id: "C-0004")).record.findings.min {
            ($0.bestEvidence?.level.rank ?? 99, $0.id) < ($1.bestEvidence?.level.rank ?? 99, $1.id)
        }
        #expect(editor.target.findingId == top?.id)
    }

    @Test func escapeWithChangesAsksBeforeDiscarding() throws {
        let (app, _) = try SampleBoard.app(width: 120, height: 40)
        app.run(.openCase("C-0003"))
        app.handle(.char("n"))
        app.handle(.char("x"))
        app.handle(.escape)
        #expect(app.frame().textDump().contains("Discard this note?"))
        app.handle(.enter)  // "Keep editing" is the default button
        #expect(app.stack.last is NoteEditorScreen)
        app.handle(.escape)
        app.handle(.right)
        app.handle(.enter)  // Discard
        #expect(app.stack.last is CaseScreen)
    }

    @Test func draftsAreSavedEveryTwoSecondsAndOfferedBackAtStart() throws {
        let store = try SampleBoard.store()
        var now = SampleBoard.now
        let terminal = FakeTerminal(width: 120, height: 40)
        let app = BoardApp(
            store: store, terminal: terminal, themes: SampleBoard.themes(), theme: .monochrome, clock: { now })
        app.run(.openCase("C-0003"))
        app.handle(.char("n"))
        app.type("Half a thought")
        // Typing continuously: the draft is written as soon as two seconds have passed.
        now = now.addingTimeInterval(2.1)
        app.handle(.char("."))
        #expect(try store.draft(key: "note:C-0003")?.body == "Half a thought.")
        app.handle(.char("!"))
        app.flushDrafts()  // what a termination signal does
        #expect(try store.draft(key: "note:C-0003")?.body == "Half a thought.!")

        // The next start (same store, a crash in between) offers the draft back.
        let second = FakeTerminal(width: 120, height: 40)
        let restarted = BoardApp(
            store: store, terminal: second, themes: SampleBoard.themes(), theme: .monochrome, clock: { now })
        #expect(restarted.frame().textDump().contains("Restore unsaved work?"))
        restarted.handle(.enter)
        let editor = try #require(restarted.stack.last as? NoteEditorScreen)
        #expect(editor.area.text == "Half a thought.!")
        restarted.handle(.ctrl("s"))
        #expect(try store.drafts().isEmpty)
    }

    @Test func externalEditorWithArgumentsAndNoShell() throws {
        let dir = NSTemporaryDirectory() + "tb-editor-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let script = dir + "/fake editor.sh"
        // Appends a line and records its arguments and the file's mode.
        try """
        #!/bin/sh
        echo "$1" > "\(dir)/args"
        stat -c %a "$2" > "\(dir)/mode"
        printf 'edited in the editor; ümlaut' >> "$2"
        """.write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o700)
        let result = try ExternalEditor.edit("start: ", command: ExternalEditor.split("'\(script)' --wait"))
        #expect(result == "start: edited in the editor; ümlaut")
        #expect(try String(contentsOfFile: dir + "/args", encoding: .utf8) == "--wait\n")
        #expect(try String(contentsOfFile: dir + "/mode", encoding: .utf8) == "600\n")
        #expect(ExternalEditor.split("code -w") == ["code", "-w"])
        #expect(ExternalEditor.split(#"vim "-c" 'set tw=72' a\ b"#) == ["vim", "-c", "set tw=72", "a b"])
        #expect(ExternalEditor.command(environment: ["EDITOR": "nano", "VISUAL": "code -w"]) == ["code", "-w"])
        #expect(throws: (any Error).self) { try ExternalEditor.edit("x", command: ["/bin/false"]) }
        // Nothing is left behind in the temporary directory.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter {
            $0.hasPrefix("tumorboard-edit-")
        }
        #expect(leftovers.isEmpty)
    }

    @Test func decisionFormValidatesInlineSavesSignsAndAmends() throws {
        // The chair's own login (the test seam for the operating-system login).
        let (app, _) = try SampleBoard.app(width: 160, height: 48, store: try DecisionFormTests.chairStore())
        app.run(.meeting("M-2026-12-03-MTB"))
        app.handle(.tab)
        app.handle(.char("e"))
        let form = try #require(app.stack.last as? DecisionFormScreen)
        #expect(form.decision?.id == "D-C-0003-1")
        #expect(form.decision?.attendeesPresent.isEmpty == false)
        app.handle(.char("a"))  // a recommendation; the selection is on its kind
        for _ in 0..<3 { app.handle(.right) }  // targeted → immunotherapy → chemotherapy → clinical trial
        #expect(form.decision?.recommendations[0].kind == .clinicalTrial)
        #expect(app.frame().textDump().contains("✗ a clinical-trial recommendation needs a trial"))
        // Type a malformed NCT id into the trial field.
        app.handle(.down)
        app.handle(.down)
        app.handle(.enter)
        app.type("NCT123")
        app.handle(.enter)
        #expect(app.frame().textDump().contains("is not an NCT id"))
        app.handle(.char("s"))
        #expect(try app.sqliteStore.decisions(caseId: "C-0003").isEmpty)  // nothing saved half
        app.handle(.enter)
        for _ in 0..<6 { app.handle(.backspace) }
        app.type("NCT06612045")
        app.handle(.enter)
        // Evidence: the scale first (its level stays "not set"), then OncoKB 1.
        app.handle(.down)
        app.handle(.right)
        #expect(form.decision?.recommendations[0].evidence == nil)
        app.handle(.down)
        app.handle(.right)
        #expect(form.decision?.recommendations[0].evidence == EvidenceLevel(scale: .oncokb, code: "1"))
        #expect(app.frame().textDump().contains("FDA-recognised biomarker"))
        form.select(.consensus)
        app.handle(.right)
        #expect(form.decision?.consensus == .unanimous)
        app.handle(.char("s"))
        #expect(try app.sqliteStore.decision(id: "D-C-0003-1")?.version == 1)
        // Sign-off shows the summary and needs a confirmation.
        app.handle(.char("F"))
        let text = app.frame().textDump()
        #expect(text.contains("Sign decision D-C-0003-1 as Inés Calderón (login icalderon)?"))
        #expect(text.contains("clinical trial — trial NCT06612045"))
        app.handle(.right)
        app.handle(.enter)
        let signed = try #require(try app.sqliteStore.decision(id: "D-C-0003-1"))
        #expect(signed.status == .final && signed.signedBy == "Inés Calderón" && signed.signedByLogin == "icalderon")
        #expect(!(app.stack.last is DecisionFormScreen))
        // A final decision opens read-only; A amends it with a reason.
        app.handle(.char("e"))
        let readOnly = try #require(app.stack.last as? DecisionFormScreen)
        #expect(readOnly.isReadOnly)
        app.handle(.char("x"))
        #expect(readOnly.decision?.recommendations.count == 1)
        app.handle(.char("A"))
        app.type("trial closed to accrual")
        app.handle(.enter)
        #expect(readOnly.decision?.amends == "D-C-0003-1" && readOnly.decision?.status == .draft)
        let history = try #require(try app.sqliteStore.caseRecord(id: "C-0003")).history.map(\.action)
        #expect(history.contains("decision.sign") && history.contains("decision.amend"))
    }

    /// Issue 15, bug 1: in the decision form `q` never quits the program; an untouched new decision closes on Esc
    /// without asking; leaving with changes asks; a draft kept with "Later" is offered when its form is reopened.
    @Test func decisionFormQuitAsksAndAKeptDraftComesBack() throws {
        let store = try SampleBoard.store()
        let terminal = FakeTerminal(width: 160, height: 48)
        let app = BoardApp(
            store: store, terminal: terminal, themes: SampleBoard.themes(), theme: .monochrome,
            clock: { SampleBoard.now })
        app.run(.openCase("C-0003"))
        app.handle(.char("e"))
        #expect(app.stack.last is DecisionFormScreen)
        app.handle(.escape)  // untouched new decision: no question
        #expect(app.dialog == nil)
        #expect(!(app.stack.last is DecisionFormScreen))
        app.handle(.char("e"))
        let form = try #require(app.stack.last as? DecisionFormScreen)
        app.handle(.char("a"))  // a change
        app.handle(.char("q"))
        #expect(app.running)
        #expect(app.frame().textDump().contains("Unsaved changes"))
        app.handle(.escape)  // "Keep editing"
        #expect(app.stack.last === form)
        app.flushDrafts()  // as quitting or a signal does
        let kept = try #require(try store.drafts().first { $0.key.hasPrefix("decision:") })

        // The next start offers it; "Later" keeps it, and opening the same form brings it back, not a blank one.
        let restarted = BoardApp(
            store: store, terminal: FakeTerminal(width: 160, height: 48), themes: SampleBoard.themes(),
            theme: .monochrome, clock: { SampleBoard.now })
        #expect(restarted.frame().textDump().contains("Restore unsaved work?"))
        restarted.handle(.right)
        restarted.handle(.enter)  // Later
        #expect(try store.draft(key: kept.key) != nil)
        restarted.run(.openCase("C-0003"))
        restarted.handle(.char("e"))
        let reopened = try #require(restarted.stack.last as? DecisionFormScreen)
        #expect(reopened.decision?.recommendations.count == 1)
        #expect(restarted.frame().textDump().contains("unsaved draft"))
        restarted.handle(.char("q"))
        #expect(restarted.running)
        #expect(restarted.frame().textDump().contains("Unsaved changes"))
    }

    @Test func twoTerminalsOnTheSameDecisionShowBothVersions() throws {
        let path = NSTemporaryDirectory() + "tb-conflict-" + UUID().uuidString + "/board.sqlite"
        let alice = try BoardStoreFactory.file(path)
        let bob = try BoardStoreFactory.open(path, user: "bob")
        let terminal = FakeTerminal(width: 160, height: 48)
        let app = BoardApp(
            store: alice, terminal: terminal, themes: SampleBoard.themes(), theme: .monochrome,
            clock: { SampleBoard.now })
        app.run(.openCase("C-0010"))  // has a draft decision D-0013 in the sample
        app.handle(.char("e"))
        let form = try #require(app.stack.last as? DecisionFormScreen)
        #expect(form.decision?.id == "D-0013")
        // Bob saves the same draft first.
        var theirs = try #require(try bob.decision(id: "D-0013"))
        theirs.consensus = .majority
        try bob.saveDecision(theirs)
        // Alice changes the consensus and saves: the conflict screen shows both.
        form.update { $0.consensus = .unanimous }
        app.handle(.char("s"))
        #expect(app.stack.last is DecisionConflictScreen)
        let screen = app.frame().textDump()
        #expect(screen.contains("Theirs: version") && screen.contains("bob"))
        #expect(screen.contains("Consensus: majority") && screen.contains("Consensus: unanimous"))
        app.handle(.char("m"))  // keep mine on top of theirs
        app.handle(.char("s"))
        let stored = try #require(try bob.decision(id: "D-0013"))
        #expect(stored.consensus == .unanimous && stored.recordedBy == "tester")
    }

    /// Bob's new decision takes the id Alice's form was given; Alice's first save gets the next id, and her later
    /// edits are kept as a draft under her decision's id, not under Bob's.
    @Test func aRenumberedDecisionKeepsItsDraftsUnderItsNewId() throws {
        let path = NSTemporaryDirectory() + "tb-renumber-" + UUID().uuidString + "/board.sqlite"
        let alice = try BoardStoreFactory.file(path)
        let bob = try BoardStoreFactory.open(path, user: "bob")
        let app = BoardApp(
            store: alice, terminal: FakeTerminal(width: 160, height: 48), themes: SampleBoard.themes(),
            theme: .monochrome, clock: { SampleBoard.now })
        app.run(.openCase("C-0003"))
        app.handle(.char("e"))
        let form = try #require(app.stack.last as? DecisionFormScreen)
        let given = try #require(form.decision)
        // Bob's is outside the meeting (one presentation takes one decision).
        var theirs = try bob.newDecision(caseId: "C-0003", meetingId: nil, now: SampleBoard.now)
        #expect(theirs.id == given.id)
        theirs.recommendations = [Recommendation(kind: .furtherDiagnostics, rationale: "Bob's")]
        try bob.saveDecision(theirs, now: SampleBoard.now)
        form.update { $0.recommendations = [Recommendation(kind: .furtherDiagnostics, rationale: "Alice's")] }
        app.handle(.char("s"))
        let mine = try #require(form.decision)
        #expect(mine.id != given.id && mine.version == 1, "\(mine.id)")
        form.update { $0.recommendations[0].rationale = "Alice's, edited" }
        app.flushDrafts()
        #expect(try alice.draft(key: "decision:\(mine.id)") != nil)
        #expect(try alice.draft(key: "decision:\(given.id)") == nil)
    }

    @Test(arguments: [(80, 24), (160, 48)]) func decisionFormSnapshot(width: Int, height: Int) throws {
        // A fixed login, so the sign-off line is the same on every machine.
        let (app, _) = try SampleBoard.app(width: width, height: height, store: try DecisionFormTests.chairStore())
        app.run(.openCase("C-0001"))
        app.handle(.char("e"))
        expectSnapshot(app, "decision-form-\(width)x\(height)")
        app.handle(.escape)
        app.run(.openCase("C-0003"))
        app.handle(.char("e"))
        app.handle(.char("a"))
        expectSnapshot(app, "decision-form-new-\(width)x\(height)")
    }
}
