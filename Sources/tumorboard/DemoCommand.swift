import Foundation
import ArgumentParser
import BoardFormats
import BoardStore

/// `tumorboard demo`: a throwaway store seeded from the bundled sample board.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Open a throwaway store seeded with the synthetic sample board.")

    @Option(name: .long, help: ArgumentHelp("Who is making changes. Default: the login name.", valueName: "name"))
    var user: String?

    func run() throws {
        let store = try DemoStore.create(user: user ?? GlobalOptions().userName)
        print("Demo store: \(store.path)")
        let counts = try store.counts()
        for key in ["boards", "cases", "findings", "trials", "meetings", "notes", "decisions", "audit events"] {
            print("  \(key): \(counts[key] ?? 0)")
        }
        print("Try: tumorboard cases --store \(store.path)")
    }
}

/// Builds the demo store in a fresh private temporary directory.
enum DemoStore {
    static func create(user: String) throws -> BoardStore {
        let sample = try SampleDataLocator.directory()
        var template = Array((NSTemporaryDirectory() + "/tumorboard-demo-XXXXXX").utf8CString)
        guard let dir = mkdtemp(&template) else { throw CommandFailure(message: "cannot create a temporary directory", code: 2) }
        let path = String(cString: dir) + "/board.sqlite"
        let files = try FileManager.default.contentsOfDirectory(atPath: sample).filter { $0.hasSuffix(".json") }.sorted()
        // Boards and cases before the meetings that refer to them.
        let ordered = files.sorted { ($0 == "boards.json" ? 1 : 0, $0) < ($1 == "boards.json" ? 1 : 0, $1) }
        let bundle = try BoardReader.read(paths: ordered.map { sample + "/" + $0 })
        let store = try BoardStore.open(path: path, user: user)
        try store.importBundle(bundle)
        return store
    }
}

/// Finds SampleData/: $TUMORBOARD_SAMPLE_DATA, the working directory, beside the executable, or the source tree.
enum SampleDataLocator {
    static func directory() throws -> String {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["TUMORBOARD_SAMPLE_DATA"] { candidates.append(env) }
        candidates.append(FileManager.default.currentDirectoryPath + "/SampleData")
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        candidates.append(exe.appendingPathComponent("../../../SampleData").standardized.path)
        candidates.append(exe.appendingPathComponent("../share/tumorboard/SampleData").standardized.path)
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../SampleData").standardized.path
        candidates.append(source)
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate + "/cases.json") {
            return candidate
        }
        throw CommandFailure(message: "cannot find the sample board (SampleData/cases.json); set TUMORBOARD_SAMPLE_DATA", code: 1)
    }
}
