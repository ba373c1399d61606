import ArgumentParser
import BoardModel
import BoardStore
import Foundation
import TrialMatching

/// `tumorboard match [CASE] [--json]`: computes trial matches (and stores them), and shows them.
struct MatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Match cases against the stored trials, store the matches and show them.",
        discussion: """
            With a case id: that case, each match explained criterion by criterion (✓ met, ✗ not met, \
            ? unknown, with the data that would settle it). Without: every case, one line per match. \
            Shown and stored: eligible, possibly eligible, and near misses (not eligible although the \
            tumour type or an alteration fits). Criteria read from a registry's free text say "(from text)".
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print the matches as JSON instead of a table.")
    var json = false

    @Flag(help: "Every trial and, with a case id, every open arm explained on its own (not only near misses).")
    var all = false

    @Option(help: ArgumentHelp("The day ages are computed on (YYYY-MM-DD). Default: today.", valueName: "date"))
    var on: String?

    @Argument(help: ArgumentHelp("The case id; all cases when omitted.", valueName: "case"))
    var caseId: String?

    func run() throws {
        guard let day = on.map({ LocalDate($0) }) ?? LocalDate(Date()) else {
            throw CommandFailure(message: "--on: expected a date YYYY-MM-DD, found \"\(on ?? "")\"")
        }
        let store = try global.openStore(as: (any StoreSession & CaseStore & TrialStore).self)
        let version = try store.trialsVersion()
        let trials = try store.trials()
        let engine = MatchEngine(trials: trials)
        let now = Date()
        var results: [(caseId: String, matches: [TrialMatch])] = []
        var stamps: [MatchStamp] = []
        if let caseId {
            guard let record = try store.caseRecord(id: caseId, on: day)?.record else {
                throw StoreError.notFound(kind: "case", id: caseId)
            }
            results = [(caseId, engine.match(record, on: day, at: now, selection: .relevant))]
            stamps = [MatchStamp(record, on: day, trialsVersion: version, at: now)]
        } else {
            let cases = try store.casesForMatching()
            results = Array(zip(cases.map(\.id), engine.matchAll(cases, on: day, at: now, selection: .relevant)))
            stamps = cases.map { MatchStamp($0, on: day, trialsVersion: version, at: now) }
        }
        if store.isReadOnly {
            CommandRunner.fail("the store is read-only: matches computed but not stored")
        } else {
            try store.saveMatches(results, stamps: stamps)
        }
        // With a case and --all: every trial and every arm (open or not), each arm explained on its own.
        if let caseId, all, let record = try store.caseRecord(id: caseId, on: day)?.record {
            results = [(caseId, engine.matchEveryArm(record, on: day, at: now))]
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            let payload =
                caseId == nil
                ? try encoder.encode(results.flatMap(\.matches)) : try encoder.encode(results.first?.matches ?? [])
            print(String(decoding: payload, as: UTF8.self))
            return
        }
        let titles = Dictionary(
            trials.map { ($0.id, ($0.shortTitle ?? $0.title, $0.status.label)) }, uniquingKeysWith: { a, _ in a })
        print(
            MatchTable.render(
                results, titles: titles, explain: caseId != nil, includeNotEligible: all || caseId != nil),
            terminator: "")
    }
}

/// The readable form of matches: one line per match, and per criterion when explaining.
enum MatchTable {
    static func render(
        _ results: [(caseId: String, matches: [TrialMatch])], titles: [String: (String, String)],
        explain: Bool, includeNotEligible: Bool
    ) -> String {
        var out = ""
        for (caseId, matches) in results {
            let shown = matches.filter { includeNotEligible || $0.status != .notEligible }
            let eligible = matches.filter { $0.status == .eligible }.count
            let possible = matches.filter { $0.status == .possiblyEligible }.count
            let notOpen = matches.filter { $0.status != .notEligible && $0.notOpen != nil }.count
            out +=
                "\(caseId): \(eligible) eligible, \(possible) possibly eligible"
                + (notOpen > 0 ? " (\(notOpen) of them on arms that take no patients now)" : "") + "\n"
            for m in shown {
                let mark = m.status == .eligible ? "✓" : (m.status == .possiblyEligible ? "?" : "✗")
                let (title, trialStatus) = titles[m.trialId] ?? ("", "")
                // A match on an arm that takes no patients says so instead of the trial's status.
                let status = m.notOpen.map { "not open: \($0)" } ?? trialStatus
                let arm = m.armId.map { " arm \($0)" } ?? ""
                var line =
                    "  \(mark) \(m.status.label.padding(toLength: 17, withPad: " ", startingAt: 0)) \(m.trialId)\(arm)  \(title) (\(status)), score \(Int(m.score.rounded()))"
                if !explain {
                    if m.status == .notEligible, let first = m.outcomes.first(where: { $0.outcome == .notMet }) {
                        line += " — \(first.criterion): \(first.detail)"
                    } else if !m.missingData.isEmpty {
                        line += " — missing: " + m.dataToSettle.joined(separator: "; ")
                    }
                }
                out += line + "\n"
                guard explain else { continue }
                for o in m.outcomes {
                    out += "      \(o.outcome.mark) \(o.criterion): \(o.detail)\(o.fromText ? " (from text)" : "")\n"
                }
                if !m.missingData.isEmpty {
                    out += "      to settle the unknowns: " + m.dataToSettle.joined(separator: "; ") + "\n"
                }
            }
        }
        return out
    }
}

/// Recomputes and stores matches after cases or trials change: every case's (demo seeding), or only what an import
/// changed.
enum MatchRefresh {
    /// Returns a one-line summary, or nil when the store holds no trials (nothing to match).
    @discardableResult
    static func all(_ store: any TrialStore, on day: LocalDate = LocalDate(Date())) throws -> String? {
        let version = try store.trialsVersion()
        let trials = try store.trials()
        guard !trials.isEmpty else { return nil }
        let cases = try store.casesForMatching()
        let now = Date()
        let results = MatchEngine(trials: trials).matchAll(cases, on: day, at: now, selection: .relevant)
        try store.saveMatches(
            Array(zip(cases.map(\.id), results)),
            stamps: cases.map { MatchStamp($0, on: day, trialsVersion: version, at: now) })
        let eligible = results.reduce(0) { $0 + $1.filter { $0.status == .eligible }.count }
        let possible = results.reduce(0) { $0 + $1.filter { $0.status == .possiblyEligible }.count }
        return "trial matches recomputed for \(cases.count) cases: \(eligible) eligible, \(possible) possibly eligible"
    }

    /// After an import: every case against the trials it created or changed, and the cases it created or changed
    /// against every trial; matches of unchanged cases against unchanged trials stay as stored. Returns one plain
    /// line, or nil when nothing needed matching or nothing came of it: no trials, nothing changed, or only new
    /// cases that match no trial (they had no matches before, so nothing the board sees changed).
    @discardableResult
    static func changed(
        _ store: any TrialStore, cases changedCases: Set<String>, trials changedTrials: Set<String>,
        casesUpdated: Bool = true, on day: LocalDate = LocalDate(Date())
    ) throws -> String? {
        guard !changedCases.isEmpty || !changedTrials.isEmpty else { return nil }
        // Read before the trials: a change after it is not counted as matched.
        let version = try store.trialsVersion()
        let now = Date()
        // Changed cases are matched against every trial; new or changed trials alone need only themselves read
        // (adding one trial to a board of 2,000 decodes one, not 2,000).
        let trials =
            changedCases.isEmpty
            ? try changedTrials.sorted().compactMap { try store.trial(id: $0) } : try store.trials()
        guard !trials.isEmpty else { return nil }
        var eligible = 0
        var possible = 0
        func count(_ results: [[TrialMatch]]) {
            for list in results {
                for m in list {
                    if m.status == .eligible { eligible += 1 }
                    if m.status == .possiblyEligible { possible += 1 }
                }
            }
        }
        let newTrials = trials.filter { changedTrials.contains($0.id) }
        if !newTrials.isEmpty {
            // Only the cases the new trials can concern (TrialGate): the others have no match against them to store.
            // Read by pages of only what these trials look at, so a broad trial's memory stays bounded.
            let engine = MatchEngine(trials: newTrials)
            let ids = try store.caseIdsForMatching(narrowedBy: engine.gate).filter { !changedCases.contains($0) }
            try store.rematch(
                trialIds: Set(newTrials.map(\.id)), caseIds: ids, readsGene: { engine.readsGene($0) }, on: day,
                through: version, pageSize: 2_000,
                match: { page in
                    let results = engine.matchAll(page, on: day, at: now, selection: .relevant)
                    count(results)
                    return results
                })
        }
        let records = try store.casesForMatching(ids: changedCases.sorted())
        if !records.isEmpty {
            let results = MatchEngine(trials: trials).matchAll(records, on: day, at: now, selection: .relevant)
            try store.saveMatches(
                Array(zip(records.map(\.id), results)),
                stamps: records.map { MatchStamp($0, on: day, trialsVersion: version, at: now) })
            count(results)
        }
        return ImportSummary.matchingLine(
            trials: newTrials.count, cases: records.count, eligible: eligible, possible: possible,
            casesUpdated: casesUpdated)
    }
}
