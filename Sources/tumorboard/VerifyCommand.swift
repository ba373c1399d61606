import ArgumentParser
import BoardStore
import Foundation

/// `tumorboard verify [--against FILE…]`: SQLite integrity, the keyed audit chain, every decision against its
/// last audit event, and the chain against the heads kept outside the store — this terminal's witness log
/// always, other terminals' logs named with --witness, and the minutes or backups named with --against.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract:
            "Check the store's integrity, its audit chain and decisions, against witnessed heads, minutes and backups.",
        discussion: """
            Exit codes: 0 everything holds; 2 damage, a broken or shortened chain, an altered decision, or a key \
            this terminal lacks (the events it signed cannot be checked).
            """)

    @OptionGroup var global: GlobalOptions

    @Option(
        name: .long, parsing: .singleValue,
        help: ArgumentHelp(
            "Exported minutes or a backup file to compare the chain with (repeatable).", valueName: "file"))
    var against: [String] = []

    @Option(
        name: .long, parsing: .singleValue,
        help: ArgumentHelp("Another terminal's witness log to compare with as well (repeatable).", valueName: "file"))
    var witness: [String] = []

    func run() throws {
        let store = try global.openStore(
            as: (any AuditStore & AnchorStore).self, readOnly: true, witness: false)
        let report = try store.verify()
        var failed = false
        print("integrity: \(report.integrity.joined(separator: "; "))")
        if report.integrity != ["ok"] { failed = true }
        let chain = report.chain
        if let broken = chain.firstBreak {
            print("audit chain: BROKEN after checking \(chain.checked) events: \(broken)")
            failed = true
        } else if !chain.missingKeys.isEmpty {
            print(
                "audit chain: NOT VERIFIED (\(chain.checked) events; links and order hold, but \(chain.unverified) keyed events cannot be checked)"
            )
            for missing in chain.missingKeys {
                print(
                    "  audit key lost or not here: epoch \(missing.epoch), events from \(missing.keyedFrom), expected in \(missing.keyFile ?? "memory"); "
                        + "restore it with `tumorboard key restore FILE` (the data stays readable)")
            }
            failed = true
        } else {
            var parts = ["\(chain.checked) events"]
            if chain.keyed > 0 { parts.append("\(chain.keyed) keyed (HMAC-SHA-256)") }
            if chain.unkeyed > 0 {
                parts.append("\(chain.unkeyed) unkeyed, written before the store had a key (SHA-256 only)")
            }
            print("audit chain: ok (\(parts.joined(separator: ", ")))")
        }
        if report.decisionProblems.isEmpty {
            print(
                "decisions: ok (\(report.decisionsChecked) match their last audit event, \(report.signedDecisions) signed)"
            )
        } else {
            for problem in report.decisionProblems { print("decisions: ALTERED: \(problem)") }
            failed = true
        }
        let log = WitnessLog.standard
        let entries = try log.entries()
        let witnessed = try store.compare(witnessed: entries)
        failed = show(witnessed, label: "witnessed heads", source: log.path) || failed
        if !witnessed.problems.isEmpty {
            for path in Self.otherFiles(sharing: try store.storeId(), with: global.storePath, in: entries) {
                print(
                    "witnessed heads: note: heads with this store's identity were also seen in \(path), another file "
                        + "(a backup or copy written to after it was made, or the file this one was copied from); a head "
                        + "seen there may be ahead of this store with no event removed here: `tumorboard verify --store "
                        + "\(global.storePath) --against \(path)` compares the two chains event by event")
            }
        }
        for path in witness {
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw CommandFailure(message: "cannot read the witness log \(path)")
            }
            failed =
                show(
                    try store.compare(witnessed: try WitnessLog(path: path).entries()), label: "witness log \(path)",
                    source: path) || failed
        }
        for file in against {
            let comparison: AnchorComparison
            if Self.isSQLite(file) {
                comparison = try store.compare(backupAt: file)
            } else {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw CommandFailure(message: "cannot read \(file)")
                }
                comparison = try store.compare(minutes: String(decoding: data, as: UTF8.self), file: file)
            }
            failed = show(comparison, label: "against \(file)", source: file) || failed
        }
        if failed { throw CommandFailure(message: "verification failed", code: 2) }
    }

    /// Prints one comparison; returns whether it found a problem.
    private func show(_ comparison: AnchorComparison, label: String, source: String) -> Bool {
        for note in comparison.notes { print("\(label): note: \(note)") }
        if comparison.problems.isEmpty {
            if comparison.anchors == 0 {
                print("\(label): none recorded for this store (\(source))")
            } else {
                print(
                    "\(label): ok (\(comparison.anchors) compared"
                        + (comparison.latestMatching.map { "; latest: event \($0.sequence)" } ?? "") + ")")
            }
            return false
        }
        for problem in comparison.problems { print("\(label): MISMATCH: \(problem)") }
        return true
    }

    /// Other files whose heads carry this store's identity: a copy made with `backup` keeps the identity, so heads
    /// seen while writing to the copy read, against the original, as a chain that was shortened.
    static func otherFiles(sharing storeId: String, with storePath: String, in entries: [WitnessLog.Entry]) -> [String]
    {
        let here = URL(fileURLWithPath: storePath).standardizedFileURL.path
        var seen: [String] = []
        for entry in entries where entry.head.storeId == storeId && !entry.storePath.hasPrefix("postgresql:") {
            let path = URL(fileURLWithPath: entry.storePath).standardizedFileURL.path
            if path != here && !seen.contains(path) { seen.append(path) }
        }
        return seen
    }

    static func isSQLite(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 16)) == Data("SQLite format 3\0".utf8)
    }
}
