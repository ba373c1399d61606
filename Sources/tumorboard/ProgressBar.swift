import Foundation

/// A one-line progress bar on stderr, drawn only when stderr is a terminal (quiet in scripts and CI).
/// Unchecked Sendable: it is updated from the one thread running the command.
final class ProgressBar: @unchecked Sendable {
    let label: String
    let total: Int
    let enabled: Bool
    private var lastDrawn = -1

    init(label: String, total: Int) {
        self.label = label
        self.total = max(1, total)
        self.enabled = isatty(STDERR_FILENO) == 1
    }

    func update(_ done: Int) {
        guard enabled else { return }
        let percent = min(100, done * 100 / total)
        if percent == lastDrawn { return }
        lastDrawn = percent
        let width = 30
        let filled = percent * width / 100
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) \(bar) \(percent)% (\(done)/\(total))".utf8))
    }

    func finish() {
        guard enabled, lastDrawn >= 0 else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
