import Foundation
import Testing

/// The public files in ../shared/realdata. On CI (CI=true) a missing file fails the test; elsewhere the
/// tests that need them are disabled with a visible reason, never passed silently.
enum RealData {
    static let root: URL = {
        if let env = ProcessInfo.processInfo.environment["TUMORBOARD_REALDATA"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/realdata")
    }()

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }
    static var present: Bool { FileManager.default.fileExists(atPath: root.path) }
    static var enabled: Bool { present || isCI }
    static let reason: Comment =
        "../shared/realdata is not on this machine (on CI, with CI=true, these tests fail instead)"

    /// The file's bytes; records a failure (and returns nil) when it is missing.
    static func data(_ relative: String, sourceLocation: SourceLocation = #_sourceLocation) -> Data? {
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(relative).path) else {
            Issue.record("missing real-data file \(relative) under \(root.path)", sourceLocation: sourceLocation)
            return nil
        }
        return data
    }
}
