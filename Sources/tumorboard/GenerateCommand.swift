import ArgumentParser
import BoardFormats
import BoardModel
import BoardStore
import Foundation

/// `tumorboard generate`: fills a store with a deterministic synthetic board for benchmarks.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Fill a store with a deterministic synthetic board (benchmarks, load tests)."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Number of cases.") var cases = 1000
    @Option(help: "Findings per case.") var findings = 50
    @Option(help: "Number of trials.") var trials = 200
    @Option(help: "Random seed: the same seed gives the same board.") var seed: UInt64 = 1
    @Flag(help: "Give discussed and closed cases a signed decision and outcomes (precedent benchmarks).")
    var history = false
    @Flag(help: "Add the synthetic board to a store that already holds cases (never to a real board's store).")
    var addToExisting = false

    func validate() throws {
        guard cases >= 0, findings >= 1, trials >= 0 else {
            throw ValidationError("--cases and --trials must be ≥ 0 and --findings ≥ 1")
        }
    }

    func run() throws {
        let store = try global.openStore(as: (any StoreSession & ImportStore & CaseStore).self)
        // Synthetic patients with realistic names must never mix into a real board by a mistyped --store.
        let held = try store.counts()["cases"] ?? 0
        if held > 0 && !addToExisting {
            throw CommandFailure(
                message: "the store already holds \(held) cases: generate fills an empty store with synthetic "
                    + "patients; give a new store, or --add-to-existing to add them anyway")
        }
        let generator = SyntheticBoard(seed: seed, findingsPerCase: findings)
        let progress = ProgressBar(label: "generating", total: cases + trials)
        let chunk = 500
        var done = 0
        var start = 0
        let board = Board(id: "synthetic", name: "Synthetic board")
        while start < cases {
            let end = min(cases, start + chunk)
            let made = (start..<end).map(generator.makeCase)
            let decided = history ? zip(start..<end, made).compactMap { generator.makeHistory($0.1, index: $0.0) } : []
            try store.importBundle(
                BoardBundle(
                    boards: start == 0 ? [board] : [], cases: made, decisions: decided.map(\.decision),
                    outcomes: decided.flatMap(\.outcomes)), dryRun: false, now: Date(), progress: nil)
            done += end - start
            progress.update(done)
            start = end
        }
        if trials > 0 {
            try store.importBundle(
                BoardBundle(trials: (0..<trials).map(generator.makeTrial)), dryRun: false, now: Date(), progress: nil)
        }
        // One upcoming meeting with twelve cases, so the screens have an agenda to show.
        if cases > 0 {
            let meeting = Meeting(
                id: "SYN-M1", boardId: "synthetic", startsAt: Date().addingTimeInterval(86400 * 3),
                chair: "Dr. Synthetic",
                agenda: (0..<min(12, cases)).map {
                    AgendaItem(
                        caseId: String(format: "G-%06d", $0 * max(1, cases / 12) + 1), position: $0 + 1,
                        plannedMinutes: 8)
                })
            try store.importBundle(
                BoardBundle(boards: [board], meetings: [meeting]), dryRun: false, now: Date(), progress: nil)
        }
        progress.finish()
        print("generated \(cases) cases × \(findings) findings and \(trials) trials into \(store.path)")
    }
}
