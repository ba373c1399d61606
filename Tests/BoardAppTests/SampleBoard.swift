import BoardFormats
import BoardModel
import BoardStore
import Foundation
import TUIKit

@testable import BoardApp

/// The bundled sample board in an in-memory store, a fixed clock, and an app on a fake terminal.
@MainActor
enum SampleBoard {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
        .standardized.path
    /// Friday 27 November 2026, 09:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_795_770_000)

    static func store() throws -> BoardStore {
        let dir = root + "/SampleData"
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".json") }.sorted()
        let bundle = try BoardReader.read(paths: files.map { dir + "/" + $0 })
        let store = try BoardStore.inMemory(user: "tester")
        try store.importBundle(bundle, now: now)
        return store
    }

    static func themes() -> ThemeCatalog { ThemeCatalog(directories: [root + "/Themes"]) }

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

/// Text snapshots: compared with files in Snapshots/; `RECORD_SNAPSHOTS=1 swift test` rewrites them.
enum Snapshot {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Snapshots"
    ).path

    /// Returns nil when the text matches the stored snapshot, else a description of the difference.
    static func check(_ text: String, named name: String) -> String? {
        let path = directory + "/" + name + ".txt"
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
            try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try! Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return nil
        }
        guard let stored = try? String(contentsOfFile: path, encoding: .utf8) else {
            return "no snapshot \(name).txt (record with RECORD_SNAPSHOTS=1)"
        }
        if stored == text { return nil }
        let a = stored.split(separator: "\n", omittingEmptySubsequences: false)
        let b = text.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(a.count, b.count) {
            let old = i < a.count ? String(a[i]) : "<none>"
            let new = i < b.count ? String(b[i]) : "<none>"
            if old != new { return "\(name): first difference at line \(i + 1):\n  stored: \(old)\n  actual: \(new)" }
        }
        return "\(name): differs"
    }
}
