import BoardFormats
import BoardModel
import Foundation
import TUIKit
import TestSupport
import Testing

@testable import BoardApp
@testable import BoardStore

/// The screens on both backends: the same key walks on the sample board in a SQLite file and in a PostgreSQL database
/// (when a server is configured: TUMORBOARD_TEST_POSTGRES, as for the store tests) draw the same frames, which are
/// the SQLite screen snapshots, and write the same records; a second terminal's save of the same decision is detected,
/// and a change made from another terminal appears on the next poll.
@MainActor
@Suite("The screens on both backends")
struct BothBackendsScreenTests {
    nonisolated static let sizes = [(80, 24), (160, 48)]

    @Test(arguments: ScreenBackend.available) func theHomeScreenAndTheMeetingAgendaAreTheSnapshots(
        backend: ScreenBackend
    ) throws {
        for (width, height) in Self.sizes {
            let board = try backend.sampleBoard()
            let app = board.app(width: width, height: height)
            expectSnapshot(board.frame(app), "home-\(width)x\(height)")
            app.handle(.enter)  // the upcoming meeting is first
            #expect(app.stack.last is MeetingScreen)
            expectSnapshot(board.frame(app), "meeting-\(width)x\(height)")
        }
    }

    @Test(arguments: ScreenBackend.available) func movingAndOpeningACaseDrawsEveryTabAsOnSQLite(backend: ScreenBackend)
        throws
    {
        for (width, height) in Self.sizes {
            let board = try backend.sampleBoard()
            let app = board.app(width: width, height: height)
            app.run(.openCase("C-0003"))
            for (index, name) in ["summary", "molecular", "trials", "notes", "decision", "history"].enumerated() {
                app.handle(.char(Character(String(index + 1))))
                expectSnapshot(board.frame(app), "case-\(name)-\(width)x\(height)")
            }
            app.run(.openCase("C-0001"))
            app.handle(.char("4"))
            expectSnapshot(board.frame(app), "case-C-0001-notes-\(width)x\(height)")
            app.handle(.char("5"))
            expectSnapshot(board.frame(app), "case-C-0001-decision-\(width)x\(height)")
        }
    }

    /// Search finds the same results on both backends, and the screen lists them in the store's order. The order and
    /// the snippets are each engine's own (FTS5's bm25 and `snippet`, PostgreSQL's `ts_rank` and `ts_headline`), so
    /// only SQLite's screen is the snapshot.
    @Test(arguments: ScreenBackend.available) func searchFindsTheSameResults(backend: ScreenBackend) throws {
        let board = try backend.sampleBoard()
        let app = board.app(width: 80, height: 24)
        app.handle(.char("/"))
        app.type("kras")
        app.handle(.enter)
        let frame = board.frame(app)
        let sqlite = try ScreenBackend.sqlite.sampleBoard()
        let hits = try board.store.search("kras", limit: 50)
        let found = { (list: [SearchHit]) in Set(list.map { "\($0.kind) \($0.ref) \($0.title)" }) }
        #expect(found(hits) == found(try sqlite.store.search("kras", limit: 50)))
        #expect(frame.contains("\(hits.count) results for “kras”"))
        if backend == .sqlite { expectSnapshot(frame, "search-results-80x24") }
        let rows = frame.split(separator: "\n").dropFirst(2).prefix(7)
        #expect(zip(rows, hits).allSatisfy { row, hit in row.contains(" \(hit.ref)  ") } && rows.count == 7)
    }

    @Test(arguments: ScreenBackend.available) func aNoteWrittenOnTheScreenIsStoredInTheMembersName(
        backend: ScreenBackend
    ) throws {
        let board = try backend.sampleBoard()
        let app = board.app(onCase: "C-0003", width: 120, height: 40)
        app.handle(.char("n"))
        #expect(app.stack.last is NoteEditorScreen)
        app.type("Sotorasib first; ré-évaluer à 6 semaines. 再検査")
        app.handle(.ctrl("s"))
        #expect(app.stack.last is CaseScreen)
        let notes = try #require(try board.store.caseRecord(id: "C-0003", on: LocalDate(SampleBoard.now))).notes
        #expect(notes.last?.text == "Sotorasib first; ré-évaluer à 6 semaines. 再検査")
        #expect(notes.last?.author == board.store.user)
        #expect(try board.store.drafts().isEmpty)
        app.handle(.char("4"))
        #expect(app.frame().textDump().contains("Sotorasib first"))
    }

    @Test(arguments: ScreenBackend.available) func aDecisionRecordedOnTheFormIsSavedAndAudited(backend: ScreenBackend)
        throws
    {
        let board = try backend.sampleBoard()
        let app = board.app(onCase: "C-0010", width: 160, height: 48)  // has a draft decision D-0013 in the sample
        app.handle(.char("e"))
        let form = try #require(app.stack.last as? DecisionFormScreen)
        #expect(form.decision?.id == "D-0013")
        let before = try #require(try board.store.decision(id: "D-0013")).version
        form.update { $0.consensus = .unanimous }
        app.handle(.char("s"))
        #expect(app.stack.last is DecisionFormScreen)
        let stored = try #require(try board.store.decision(id: "D-0013"))
        #expect(stored.consensus == .unanimous && stored.recordedBy == board.store.user && stored.version == before + 1)
        let history = try board.store.auditEvents(caseId: "C-0010", limit: 50)
        #expect(history.contains { $0.action.hasPrefix("decision.") && $0.user == board.store.user })
    }

    @Test(arguments: ScreenBackend.available) func aConcurrentSaveOfTheSameDecisionIsDetected(backend: ScreenBackend)
        throws
    {
        let board = try backend.sampleBoard()
        let app = board.app(onCase: "C-0010", width: 160, height: 48)
        app.handle(.char("e"))
        let form = try #require(app.stack.last as? DecisionFormScreen)
        // Another member, in another terminal (their own connection), saves the same draft first.
        let other = try board.other()
        let before = try #require(try other.decision(id: "D-0013")).version
        var theirs = try #require(try other.decision(id: "D-0013"))
        theirs.consensus = .majority
        try other.saveDecision(theirs, now: SampleBoard.now)
        form.update { $0.consensus = .unanimous }
        app.handle(.char("s"))
        #expect(app.stack.last is DecisionConflictScreen)
        let screen = app.frame().textDump()
        #expect(screen.contains("Theirs: version") && screen.contains(other.user))
        #expect(screen.contains("Consensus: majority") && screen.contains("Consensus: unanimous"))
        app.handle(.char("m"))  // keep mine on top of theirs
        app.handle(.char("s"))
        let stored = try #require(try other.decision(id: "D-0013"))
        #expect(stored.consensus == .unanimous && stored.recordedBy == board.store.user && stored.version == before + 2)
    }

    @Test(arguments: ScreenBackend.available) func aChangeFromAnotherTerminalAppearsOnTheNextPoll(
        backend: ScreenBackend
    ) throws {
        let board = try backend.sampleBoard()
        let app = board.app(onCase: "C-0003", width: 120, height: 40)
        app.handle(.char("4"))
        // No tick before the change: the app learnt the store's change counter when it opened, so a change committed
        // before its first idle moment is still seen.
        #expect(!app.frame().textDump().contains("Written at another site"))
        try board.other().addNote(
            caseId: "C-0003", findingId: nil, trialId: nil, text: "Written at another site", meetingId: nil,
            now: SampleBoard.now)
        // The app polls about once a second; PostgreSQL's NOTIFY reaches this connection when the other commits.
        var seen = false
        for _ in 0..<20 where !seen {
            board.clock.advance(seconds: 1)
            app.tick()
            seen = app.frame().textDump().contains("Written at another site")
            if !seen { Thread.sleep(forTimeInterval: 0.1) }
        }
        #expect(seen)
    }
}

/// The backends a screen test runs on: SQLite always, PostgreSQL when a server is configured or CI requires it.
enum ScreenBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgresql

    static let server: String? = ProcessInfo.processInfo.environment["TUMORBOARD_TEST_POSTGRES"].flatMap {
        $0.isEmpty ? nil : $0
    }
    static let onCI = !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty
    static let available: [ScreenBackend] = server != nil || onCI ? [.sqlite, .postgresql] : [.sqlite]

    var testDescription: String { rawValue }

    /// The sample board imported into a new store of this backend, with a way to open it again as another member.
    @MainActor func sampleBoard() throws -> ScreenBoard {
        switch self {
        case .sqlite:
            let path = NSTemporaryDirectory() + "tb-screens-" + UUID().uuidString + "/board.sqlite"
            return ScreenBoard(
                store: try BoardStoreFactory.file(path), other: { try BoardStoreFactory.open(path, user: "bob") })
        case .postgresql:
            guard let server = Self.server else {
                throw StoreError.other("CI is set but TUMORBOARD_TEST_POSTGRES is not: the PostgreSQL tests cannot run")
            }
            let name = "tb_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            try PGConnection(conninfo: server, shownAs: "test server").execute(script: "CREATE DATABASE \(name)")
            var parts = URLComponents(string: server)!
            parts.path = "/" + name
            let owner = parts.string!
            parts.user = "site_a"
            let member = parts.string!
            parts.user = "site_b"
            let second = parts.string!
            _ = try PostgresBoardStore.open(conninfo: owner, keyring: .memoryOnly)  // the owner creates the schema
            let store = try PostgresBoardStore.open(conninfo: member, keyring: .memoryOnly)
            try store.importBundle(
                try BoardReader.read(paths: try Repository.sampleDataFiles()), dryRun: false, now: SampleBoard.now,
                progress: nil)
            return ScreenBoard(
                store: store, other: { try PostgresBoardStore.open(conninfo: second, keyring: .memoryOnly) })
        }
    }
}

/// A board a screen test walks: the store the app holds, another terminal's, and the app's clock.
@MainActor
struct ScreenBoard {
    let store: any BoardStoring
    let other: () throws -> any BoardStoring
    let clock = TestClock(SampleBoard.now)

    func app(width: Int, height: Int) -> BoardApp {
        let clock = self.clock
        let app = BoardApp(
            store: store, terminal: FakeTerminal(width: width, height: height), themes: SampleBoard.themes(),
            theme: .monochrome, clock: { clock.now })
        app.context.timeZone = TimeZone(identifier: "UTC")!
        return app
    }

    /// An app with a case open.
    func app(onCase id: String, width: Int, height: Int) -> BoardApp {
        let app = app(width: width, height: height)
        app.run(.openCase(id))
        return app
    }

    /// The app's next frame as text. On PostgreSQL the member is the database role `site_a`, shown where SQLite's
    /// snapshots show the test user `tester` (the same width, so every column lines up as in the snapshot).
    func frame(_ app: BoardApp) -> String {
        let text = app.frame().textDump()
        return store is PostgresBoardStore ? text.replacingOccurrences(of: "site_a", with: "tester") : text
    }
}

/// A clock a test moves forward (the app polls the store about once a second of its clock).
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var instant: Date
    var now: Date { lock.withLock { instant } }
    init(_ start: Date) { instant = start }
    func advance(seconds: TimeInterval) { lock.withLock { instant = instant.addingTimeInterval(seconds) } }
}

/// A frame's text compared with Snapshots/NAME.txt.
@MainActor
func expectSnapshot(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    ScreenSnapshot.expect(text, named: name, sourceLocation: sourceLocation)
}
