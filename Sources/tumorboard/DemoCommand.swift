import ArgumentParser
import BoardFormats
import BoardStore
import Foundation

/// `tumorboard demo`: a throwaway store seeded from the bundled sample board.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Open a throwaway store seeded with the synthetic sample board.")

    @Option(name: .long, help: ArgumentHelp("Who is making changes. Default: the login name.", valueName: "name"))
    var user: String?

    @OptionGroup var screen: ScreenOptions

    @Flag(help: "Only create the store and say what it holds; do not open the screen.")
    var noOpen = false

    func run() throws {
        let store = try DemoStore.create(user: GlobalOptions.userName(explicit: user))
        let interactive = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
        if noOpen || !interactive {
            print("Demo store: \(store.path)")
            let counts = try store.counts()
            for key in ["boards", "cases", "findings", "trials", "meetings", "notes", "decisions", "audit events"] {
                print("  \(key): \(counts[key] ?? 0)")
            }
            print("Try: tumorboard cases --store \(store.path)")
            if noOpen { return }
        }
        try MainActor.assumeIsolated {
            try ScreenLauncher.open(store: store, theme: screen.theme, privacy: screen.privacy)
        }
    }
}

/// Builds the demo store in a fresh private temporary directory.
enum DemoStore {
    static func create(user: String) throws -> BoardStore {
        let sample = try SampleDataLocator.directory()
        var template = Array(
            ((NSTemporaryDirectory() as NSString).appendingPathComponent("tumorboard-demo-XXXXXX")).utf8CString)
        guard let dir = mkdtemp(&template) else {
            throw CommandFailure(message: "cannot create a temporary directory", code: 2)
        }
        let path = String(cString: dir) + "/board.sqlite"
        // One bundle: the store writes boards and cases before the meetings, notes and decisions that refer to them.
        let files = try FileManager.default.contentsOfDirectory(atPath: sample).filter { $0.hasSuffix(".json") }
            .sorted()
        let bundle = try BoardReader.read(paths: files.map { sample + "/" + $0 })
        let store = try BoardStore.open(path: path, user: user)
        try store.importBundle(bundle)
        // A partner board's de-identified cohort (SampleData/partner/): external precedents beside the board's own.
        let partner = sample + "/partner"
        let cohorts = ((try? FileManager.default.contentsOfDirectory(atPath: partner)) ?? []).filter {
            $0.hasSuffix(".json")
        }.sorted()
        _ = try CohortImport.run(cohorts.map { partner + "/" + $0 }, store: store, dryRun: false)
        try MatchRefresh.all(store)
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
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../SampleData"
        ).standardized.path
        candidates.append(source)
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate + "/cases.json") {
            return candidate
        }
        throw CommandFailure(
            message: "cannot find the sample board (SampleData/cases.json); set TUMORBOARD_SAMPLE_DATA", code: 1)
    }
}
