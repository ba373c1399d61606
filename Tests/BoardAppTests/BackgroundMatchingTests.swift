import BoardModel
import BoardStore
import Foundation
import TUIKit
import Testing

@testable import BoardApp

/// The board screen compiles the store's trials on a background thread (2,000 trials take seconds): a case shown
/// before they are ready says its matches are coming, never "no matches", and once they are ready the Trials tab is
/// exactly what matching at once shows.
@MainActor
@Suite("Trials compiled in the background")
struct BackgroundMatchingTests {
    /// A sample store whose case C-0001 has no stored matches, so showing it needs the compiled trials.
    static func storeWithoutMatches() throws -> BoardStore {
        let store = try SampleBoard.store()
        try store.saveMatches(caseId: "C-0001", [])
        return store
    }

    static func trialsTab(_ app: BoardApp) -> String {
        app.run(.openCase("C-0001"))
        app.handle(.char("3"))
        return app.frame().textDump()
    }

    @Test func theTrialsTabEqualsMatchingAtOnceWhenTheTrialsArrive() throws {
        let (now, _) = try SampleBoard.app(width: 120, height: 40, store: Self.storeWithoutMatches())
        let expected = Self.trialsTab(now)
        #expect(expected.contains("NCT"), "the sample case has matches to compare: \(expected)")

        let (app, _) = try SampleBoard.app(width: 120, height: 40, store: Self.storeWithoutMatches())
        app.context.matchesInBackground = true
        app.context.prepareMatching()
        let first = Self.trialsTab(app)
        #expect(
            first == expected || first.contains("the store's trials are still being compiled"),
            "while compiling, the tab says so: \(first)")
        #expect(!first.contains("No trial matches"))
        let deadline = Date().addingTimeInterval(60)
        while app.frame().textDump() != expected, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.01)
            app.tick()
        }
        #expect(app.frame().textDump() == expected)
    }

    @Test func aKeyAfterTheTrialsArriveShowsTheMatches() throws {
        let (now, _) = try SampleBoard.app(width: 120, height: 40, store: Self.storeWithoutMatches())
        let expected = Self.trialsTab(now)
        let (app, _) = try SampleBoard.app(width: 120, height: 40, store: Self.storeWithoutMatches())
        app.context.matchesInBackground = true
        _ = Self.trialsTab(app)
        let deadline = Date().addingTimeInterval(60)
        // A key that changes nothing on this tab: the app reloads the case once the trials are ready.
        while app.frame().textDump() != expected, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.01)
            app.handle(.char("3"))
        }
        #expect(app.frame().textDump() == expected)
    }

    /// The compiled trials cost tens of MB on a big board: a session that only browses (home, a case whose stored
    /// matches are current) never compiles them; the first case shown without current matches starts it (in a case,
    /// the agenda's pane or meeting mode alike).
    @Test func onlyAScreenThatNeedsMatchesCompilesTheTrials() throws {
        let store = try Self.storeWithoutMatches()
        // Matching C-0002 at once stores its matches: they are current when the next session shows the case.
        let (before, _) = try SampleBoard.app(width: 120, height: 40, store: store)
        before.run(.openCase("C-0002"))
        let (app, terminal) = try SampleBoard.app(width: 120, height: 40, store: store)
        app.context.matchesInBackground = true
        terminal.enqueue(.down)
        terminal.enqueue(.tab)
        terminal.enqueue(.down)
        terminal.whenEmpty = .char("q")
        app.run()
        #expect(!app.context.trialsRequested, "the home screen's frames and moves compile no trial")

        let current = try #require(
            try app.context.store.caseRecord(id: "C-0002", on: app.context.today, findings: .summary))
        try #require(!current.matches.isEmpty && current.staleMatches.isEmpty, "C-0002's stored matches are current")
        app.run(.openCase("C-0002"))
        app.handle(.char("3"))
        #expect(app.frame().textDump().contains("NCT"))
        #expect(!app.context.trialsRequested, "a case whose stored matches are current shows them as stored")

        app.run(.openCase("C-0001"))
        #expect(app.context.trialsRequested, "a case without current matches needs the trials")
    }
}
