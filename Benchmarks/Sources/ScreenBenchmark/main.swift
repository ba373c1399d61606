import Foundation
import BoardStore
import BoardApp
import TUIKit

// Measures the board screen on a large store: time to the first frame (open store, load home,
// render), time per frame when moving the selection in a meeting's agenda and in the backlog, and
// peak resident memory. Usage: ScreenBenchmark STORE [ITERATIONS]

@MainActor
func main() throws {
    let arguments = CommandLine.arguments
    guard arguments.count >= 2 else {
        FileHandle.standardError.write(Data("usage: ScreenBenchmark STORE [ITERATIONS]\n".utf8))
        exit(1)
    }
    let path = arguments[1]
    let iterations = arguments.count > 2 ? Int(arguments[2]) ?? 500 : 500

    let t0 = DispatchTime.now()
    let store = try BoardStore.open(path: path, user: "bench", readOnly: true)
    let terminal = FakeTerminal(width: 160, height: 48)
    let app = BoardApp(store: store, terminal: terminal, themes: ThemeCatalog(directories: []), theme: .monochrome)
    app.draw()
    let firstFrame = Double(DispatchTime.now().uptimeNanoseconds - t0.uptimeNanoseconds) / 1e6
    let counts = try store.counts()

    func measure(_ label: String, _ key: Key) -> Double {
        var samples: [Double] = []
        for i in 0..<iterations {
            let start = DispatchTime.now()
            app.handle(i % 100 < 50 ? key : (key == .down ? .up : .down))
            app.draw()
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6)
        }
        samples.sort()
        let median = samples[samples.count / 2], p95 = samples[samples.count * 95 / 100], worst = samples.last!
        print(String(format: "%@: median %.3f ms, p95 %.3f ms, max %.3f ms (%d frames)", label, median, p95, worst, iterations))
        return p95
    }

    print("store: \(counts["cases"] ?? 0) cases, \(counts["findings"] ?? 0) findings, \(counts["trials"] ?? 0) trials")
    print(String(format: "first frame (open store + home + render): %.1f ms", firstFrame))
    // Backlog list on the home screen.
    app.handle(.tab)
    _ = measure("move in backlog", .down)
    // A meeting's agenda with the case pane loading each selected case.
    app.handle(.tab)
    app.handle(.enter)
    app.draw()
    _ = measure("move in agenda (loads each case)", .down)
    // Scrolling the molecular table of one case.
    app.handle(.tab)
    app.handle(.char("2"))
    app.draw()
    _ = measure("move in molecular table", .down)

    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    print(String(format: "peak resident memory: %.1f MB", Double(usage.ru_maxrss) / 1024))
}

try MainActor.assumeIsolated { try main() }
