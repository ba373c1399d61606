import BoardStore
import Foundation

// Precedents of one case on a large store: the time of `BoardStore.precedents(for:limit:)` (candidates from the
// OncoTree-code and gene indexes, ranking, reading the kept ten with their decisions and outcomes) for cases
// spread over the store. Usage: PrecedentBenchmark STORE [CASES] [SAMPLES]

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: PrecedentBenchmark STORE [CASES] [SAMPLES]\n".utf8))
    exit(1)
}
let store = try BoardStore.open(path: arguments[1], user: "bench", readOnly: true)
let cases = arguments.count > 2 ? Int(arguments[2]) ?? 100_000 : 100_000
let samples = arguments.count > 3 ? Int(arguments[3]) ?? 200 : 200
var times: [Double] = []
var compared = 0
var shown = 0
for i in 0..<samples {
    let id = String(format: "G-%06d", 1 + (i * 7919) % cases)
    let start = DispatchTime.now()
    let list = try store.precedents(for: id, limit: 10)
    times.append(Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6)
    compared += list.compared
    shown += list.precedents.count
}
times.sort()
print(
    String(
        format: "precedents of one case (%d cases sampled): median %.1f ms, p95 %.1f ms, max %.1f ms; %.0f candidates ranked and %.1f shown on average",
        samples, times[samples / 2], times[samples * 95 / 100], times.last!, Double(compared) / Double(samples),
        Double(shown) / Double(samples)))
