import Foundation

/// A one-line progress bar on stderr, drawn only when stderr is a terminal (quiet in scripts and CI),
/// and redrawn only when the percentage moves. The store may report progress from its writer thread,
/// so updates take a lock.
final class ProgressBar: @unchecked Sendable {
    let label: String
    let enabled: Bool
    private var total: Int
    private var lastDrawn = -1
    private let lock = NSLock()

    /// Shows "(done/total)" after the percentage when `counts`; an import's mix of rows and bytes shows percent only.
    let counts: Bool

    init(label: String, total: Int, counts: Bool = true) {
        self.label = label
        self.counts = counts
        self.total = max(1, total)
        self.enabled = isatty(STDERR_FILENO) == 1
    }

    func update(_ done: Int) {
        lock.lock()
        defer { lock.unlock() }
        draw(done)
    }

    /// For work whose size is learnt as it goes (an import reports done and total together).
    func update(_ done: Int, of total: Int) {
        lock.lock()
        defer { lock.unlock() }
        self.total = max(1, total)
        draw(done)
    }

    private func draw(_ done: Int) {
        guard enabled else { return }
        let percent = min(100, done * 100 / total)
        if percent == lastDrawn { return }
        lastDrawn = percent
        let width = 30
        let filled = percent * width / 100
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line = "\r\(label) \(bar) \(percent)%" + (counts ? " (\(done)/\(total))" : "")
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Clears the bar's line, so the summary that follows starts clean.
    func finish() {
        guard enabled, lastDrawn >= 0 else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
