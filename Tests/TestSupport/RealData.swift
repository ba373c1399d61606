import Foundation
import Testing

/// The public files in ../shared/realdata (see SOURCES.md there). On CI (CI=true) a missing file fails the
/// test; elsewhere the tests that need them are disabled with a visible reason, never passed silently.
public enum RealData {
    public static let root: URL = {
        if let env = ProcessInfo.processInfo.environment["TUMORBOARD_REALDATA"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        // The package root's sibling: ../shared/realdata.
        return URL(fileURLWithPath: Repository.root).deletingLastPathComponent().appendingPathComponent(
            "shared/realdata")
    }()

    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }
    public static var present: Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("SOURCES.md").path)
    }
    /// Run the real-data tests when the folder is there, and on CI always (where its absence is a failure).
    public static var enabled: Bool { present || isCI }
    public static let reason: Comment =
        "../shared/realdata is not on this machine (on CI, with CI=true, these tests fail instead)"

    public static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// The file's bytes; records a failure (and returns nil) when it is missing.
    public static func data(_ relative: String, sourceLocation: SourceLocation = #_sourceLocation) -> Data? {
        guard let data = FileManager.default.contents(atPath: path(relative)) else {
            Issue.record("missing real-data file \(relative) under \(root.path)", sourceLocation: sourceLocation)
            return nil
        }
        return data
    }

    /// Lines of a real file, for deriving expectations from the file itself rather than hard-coding them.
    public static func lines(_ relative: String, sourceLocation: SourceLocation = #_sourceLocation) -> [Substring] {
        guard let data = data(relative, sourceLocation: sourceLocation) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
    }
}
