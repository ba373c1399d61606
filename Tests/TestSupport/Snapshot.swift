import Foundation
import Testing

/// Text snapshots and golden files: the text is compared with a stored file; with `RECORD_SNAPSHOTS=1` the file is
/// rewritten instead and the test fails, so a re-record is never silently green (as swift-argument-parser's
/// `assertSnapshot` does). Re-run without the variable to compare.
public enum Snapshot {
    /// The one environment variable that re-records every snapshot and golden file.
    public static let recordVariable = "RECORD_SNAPSHOTS"

    static var isRecording: Bool { ProcessInfo.processInfo.environment[recordVariable] != nil }

    /// Compares `text` with the file `name` in `directory`; records one issue naming the first differing line.
    public static func expect(
        _ text: String, named name: String, in directory: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let path = directory + "/" + name
        if isRecording {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                try Data(text.utf8).write(to: URL(fileURLWithPath: path))
                Issue.record(
                    "recorded \(name); run again without \(recordVariable) to compare", sourceLocation: sourceLocation)
            } catch {
                Issue.record("could not record \(name): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let stored = try? String(contentsOfFile: path, encoding: .utf8) else {
            Issue.record("no stored \(name) (record with \(recordVariable)=1)", sourceLocation: sourceLocation)
            return
        }
        if let difference = firstDifference(stored: stored, actual: text, name: name) {
            Issue.record(Comment(rawValue: difference), sourceLocation: sourceLocation)
        }
    }

    /// Nil when equal, else the first differing line of each.
    public static func firstDifference(stored: String, actual: String, name: String) -> String? {
        if stored == actual { return nil }
        let old = stored.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for line in 0..<max(old.count, new.count) {
            let was = line < old.count ? String(old[line]) : "<none>"
            let now = line < new.count ? String(new[line]) : "<none>"
            if was != now {
                return "\(name): first difference at line \(line + 1) (\(recordVariable)=1 re-records):\n"
                    + "  stored: \(was)\n  actual: \(now)"
            }
        }
        return "\(name) differs"
    }
}
