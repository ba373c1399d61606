import Foundation
import BoardStore
import BoardApp
import TUIKit

// Measures the board screen on a large store: time to the first frame (open store, load home, render), time per
// frame when moving the selection in the backlog, in a meeting's agenda and in a case's molecular table, and peak
// resident memory. With --big-case ID it instead opens that case (a whole exome attached) on its Molecular tab and
// pages through all its findings. Usage: ScreenBenchmark STORE [ITERATIONS] [--big-case ID]; STORE is a file or a
// postgresql:// address (the same screens on PostgreSQL, for the figures beside SQLite's).
// Each figure is printed as "name: value unit" so scripts/bench-screen.sh can compare two stores.

/// This thread's CPU time in milliseconds: on a loaded machine a frame's wall time mostly measures the wait for a
/// core, so each figure is also given in CPU time.
func threadCPUMilliseconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) * 1e3 + Double(t.tv_nsec) / 1e6
}

/// Frame times of one movement, in milliseconds: wall clock and this thread's CPU time.
struct FrameTimes {
    var samples: [Double] = []
    var cpu: [Double] = []
    mutating func time(_ body: () -> Void) {
        let start = DispatchTime.now()
        let cpuStart = threadCPUMilliseconds()
        body()
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6)
        cpu.append(threadCPUMilliseconds() - cpuStart)
    }
    func report(_ label: String) {
        for (name, values) in [(label, samples), (label + " [cpu]", cpu)] {
            let sorted = values.sorted()
            func at(_ p: Int) -> Double { sorted[min(sorted.count - 1, sorted.count * p / 100)] }
            print(
                String(
                    format: "%@: median %.3f ms, p95 %.3f ms, p99 %.3f ms, max %.3f ms (%d frames)", name, at(50),
                    at(95), at(99), sorted.last ?? 0, sorted.count))
        }
    }
}

func milliseconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
}

@MainActor
func main() throws {
    var arguments = Array(CommandLine.arguments.dropFirst())
    var bigCase: String?
    if let i = arguments.firstIndex(of: "--big-case"), i + 1 < arguments.count {
        bigCase = arguments[i + 1]
        arguments.removeSubrange(i...(i + 1))
    }
    guard let path = arguments.first else {
        FileHandle.standardError.write(Data("usage: ScreenBenchmark STORE [ITERATIONS] [--big-case ID]\n".utf8))
        exit(1)
    }
    let iterations = arguments.count > 1 ? Int(arguments[1]) ?? 500 : 500

    if let bigCase {
        try measureBigCase(path: path, caseId: bigCase, iterations: iterations)
    } else {
        try measureBoard(path: path, iterations: iterations)
    }
    print(String(format: "peak resident memory: %.1f MB", peakResidentMegabytes()))
}

/// This process's peak resident memory so far, in MB.
func peakResidentMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// The store read-only: a SQLite file, or the PostgreSQL database a postgresql:// address names.
func openStore(_ path: String) throws -> any BoardStoring {
    if case .postgres(let conninfo) = StoreAddress(path) {
        return try PostgresBoardStore.open(conninfo: conninfo, readOnly: true)
    }
    return try BoardStore.open(path: path, user: "bench", readOnly: true)
}

@MainActor
func measureBoard(path: String, iterations: Int) throws {
    let t0 = DispatchTime.now()
    let cpu0 = threadCPUMilliseconds()
    let store = try openStore(path)
    let terminal = FakeTerminal(width: 160, height: 48)
    let app = BoardApp(
        store: store, terminal: terminal, themes: ThemeCatalog(directories: [], roles: .board), theme: .monochrome)
    app.draw()
    let firstFrame = milliseconds(since: t0)
    let firstFrameCPU = threadCPUMilliseconds() - cpu0
    print(String(format: "peak resident memory at the first frame: %.1f MB", peakResidentMegabytes()))
    // As the board screen does: the trials compile in the background when a case first needs matches.
    app.context.matchesInBackground = true
    let counts = try store.counts()

    func measure(_ label: String, _ key: Key) {
        var times = FrameTimes()
        for i in 0..<iterations {
            times.time {
                app.handle(i % 100 < 50 ? key : (key == .down ? .up : .down))
                app.draw()
            }
        }
        times.report(label)
    }

    print("store: \(counts["cases"] ?? 0) cases, \(counts["findings"] ?? 0) findings, \(counts["trials"] ?? 0) trials")
    print(String(format: "first frame (open store + home + render): %.1f ms", firstFrame))
    print(String(format: "first frame [cpu]: %.1f ms", firstFrameCPU))
    // Backlog list on the home screen.
    app.handle(.tab)
    measure("move in backlog", .down)
    // A meeting's agenda with the case pane loading each selected case.
    app.handle(.tab)
    var open = FrameTimes()
    open.time {
        app.handle(.enter)
        app.draw()
    }
    print(String(format: "open meeting: %.1f ms", open.samples[0]))
    print(String(format: "open meeting [cpu]: %.1f ms", open.cpu[0]))
    measure("move in agenda (loads each case)", .down)
    // Scrolling the molecular table of one case.
    app.handle(.tab)
    app.handle(.char("2"))
    app.draw()
    measure("move in molecular table", .down)
}

/// One case with a whole exome: open it on the Molecular tab, move line by line, page through every finding.
@MainActor
func measureBigCase(path: String, caseId: String, iterations: Int) throws {
    let store = try openStore(path)
    let terminal = FakeTerminal(width: 160, height: 48)
    let app = BoardApp(
        store: store, terminal: terminal, themes: ThemeCatalog(directories: [], roles: .board), theme: .monochrome)
    app.draw()
    app.context.matchesInBackground = true
    var open = FrameTimes()
    open.time {
        app.run(.openCase(caseId))
        app.handle(.char("2"))
        app.draw()
    }
    let firstLines = terminal.screenText.split(separator: "\n").prefix(6).map { "  | " + $0 }.joined(separator: "\n")
    print("big case \(caseId) on its Molecular tab:\n\(firstLines)")
    print(String(format: "open big case (Molecular tab drawn): %.1f ms", open.samples[0]))
    print(String(format: "open big case [cpu]: %.1f ms", open.cpu[0]))
    var lines = FrameTimes()
    for i in 0..<iterations {
        lines.time {
            app.handle(i % 100 < 50 ? .down : .up)
            app.draw()
        }
    }
    lines.report("move in big molecular table")
    var pages = FrameTimes()
    let started = DispatchTime.now()
    var last = ""
    while true {
        pages.time {
            app.handle(.pageDown)
            app.draw()
        }
        let text = terminal.screenText
        if text == last { break }
        last = text
    }
    pages.report("page down through the big molecular table")
    print(String(format: "paged through all findings in %.0f ms", milliseconds(since: started)))
    var end = FrameTimes()
    end.time {
        app.handle(.home)
        app.draw()
    }
    end.time {
        app.handle(.end)
        app.draw()
    }
    end.report("top and bottom of the big molecular table")
}

try MainActor.assumeIsolated { try main() }
