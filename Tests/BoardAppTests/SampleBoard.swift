import BoardFormats
import BoardModel
import BoardStore
import Foundation
import TUIKit
import TestSupport
import Testing

@testable import BoardApp

/// The bundled sample board in an in-memory store, a fixed clock, and an app on a fake terminal.
@MainActor
enum SampleBoard {
    /// Friday 27 November 2026, 09:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_795_770_000)

    static func store() throws -> BoardStore {
        let bundle = try BoardReader.read(paths: try Repository.sampleDataFiles())
        let store = try BoardStore.inMemory(user: "tester")
        try store.importBundle(bundle, now: now)
        return store
    }

    static func themes() -> ThemeCatalog { ThemeCatalog(directories: [Repository.themesDirectory], roles: .board) }

    static func app(width: Int = 80, height: Int = 24, privacy: Bool = false, store: BoardStore? = nil) throws -> (
        BoardApp, FakeTerminal
    ) {
        let terminal = FakeTerminal(width: width, height: height)
        let app = BoardApp(
            store: try store ?? Self.store(), terminal: terminal, themes: themes(), theme: .monochrome,
            privacy: privacy, clock: { now })
        app.context.timeZone = TimeZone(identifier: "UTC")!
        return (app, terminal)
    }
}

extension BoardApp: KeyReceiver {}

/// The screens' text snapshots in Snapshots/ (see `Snapshot` for re-recording).
enum ScreenSnapshot {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Snapshots"
    ).path

    static func expect(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        Snapshot.expect(text, named: name + ".txt", in: directory, sourceLocation: sourceLocation)
    }
}

/// The app's next frame compared with Snapshots/NAME.txt.
@MainActor
func expectSnapshot(_ app: BoardApp, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    ScreenSnapshot.expect(app.frame().textDump(), named: name, sourceLocation: sourceLocation)
}

extension BoardApp {
    /// The SQLite store of an app made by `SampleBoard.app` (its own type, so tests may use its default arguments).
    var sqliteStore: BoardStore { context.store as! BoardStore }
}
