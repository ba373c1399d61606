// Matching benchmark: synthetic cases and trials (SyntheticBoard, fixed seed), then
//   all cases × all trials with explanations for the relevant matches (MatchEngine.matchAll), and
//   one case against all trials (MatchEngine.match), median of many runs.
// Usage: MatchBenchmark [cases] [trials] [findings-per-case] [seed]   (defaults 10000 2000 50 7)
import Foundation
import BoardModel
import BoardFormats
import TrialMatching

let args = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let caseCount = args.count > 0 ? args[0] : 10_000
let trialCount = args.count > 1 ? args[1] : 2_000
let findingsPerCase = args.count > 2 ? args[2] : 50
let seed = UInt64(args.count > 3 ? args[3] : 7)

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let board = SyntheticBoard(seed: seed, findingsPerCase: findingsPerCase)
var cases: [Case] = []
var trials: [Trial] = []
let generation = seconds {
    cases = (0..<caseCount).map(board.makeCase)
    trials = (0..<trialCount).map(board.makeTrial)
}
let day = LocalDate(year: 2026, month: 11, day: 27)
let now = Date()
print("cases \(caseCount) × trials \(trialCount), \(findingsPerCase) findings per case, seed \(seed), \(ProcessInfo.processInfo.activeProcessorCount) CPUs")
print(String(format: "generate data                 %8.3f s", generation))

var engine: MatchEngine!
let compile = seconds { engine = MatchEngine(trials: trials) }
print(String(format: "compile trials                %8.3f s", compile))

var results: [[TrialMatch]] = []
var best = Double.infinity
for _ in 0..<3 {
    let t = seconds { results = engine.matchAll(cases, on: day, at: now, selection: .relevant) }
    best = min(best, t)
}
let explained = results.reduce(0) { $0 + $1.count }
let outcomes = results.reduce(0) { $0 + $1.reduce(0) { $0 + $1.outcomes.count } }
let eligible = results.reduce(0) { $0 + $1.filter { $0.status == .eligible }.count }
let possible = results.reduce(0) { $0 + $1.filter { $0.status == .possiblyEligible }.count }
print(String(format: "all pairs (%d), explained     %8.3f s   best of 3", caseCount * trialCount, best))
print("  matches explained: \(explained) (\(eligible) eligible, \(possible) possibly eligible), criterion outcomes: \(outcomes)")

var runs: [Double] = []
for i in 0..<200 {
    let c = cases[(i * 7919) % cases.count]
    runs.append(seconds { _ = engine.match(c, on: day, at: now, selection: .all) })
}
runs.sort()
print(String(format: "one case vs all trials, all explained: median %.2f ms, p95 %.2f ms, max %.2f ms",
             runs[runs.count / 2] * 1000, runs[runs.count * 95 / 100] * 1000, runs.last! * 1000))

let census = seconds { _ = engine.census(cases, on: day) }
print(String(format: "all pairs decided, no explanations  %8.3f s", census))
var candidates = 0
let candidateTime = seconds { candidates = engine.matchAll(cases, on: day, at: now, selection: .candidates).reduce(0) { $0 + $1.count } }
print(String(format: "all pairs, eligible + possibly eligible explained (%d)  %8.3f s", candidates, candidateTime))
