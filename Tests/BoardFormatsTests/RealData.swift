import Foundation
import Testing

/// The public files in ../shared/realdata (see SOURCES.md there). On CI (CI=true) a missing file fails the
/// test; elsewhere the tests that need them are disabled with a visible reason.
enum RealData {
    static let root: URL = {
        if let env = ProcessInfo.processInfo.environment["TUMORBOARD_REALDATA"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        // Tests/BoardFormatsTests/RealData.swift → repository root → ../shared/realdata
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/realdata")
    }()

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }
    static var present: Bool { FileManager.default.fileExists(atPath: root.appendingPathComponent("SOURCES.md").path) }
    /// Run the real-data tests when the folder is there, and on CI always (where its absence is a failure).
    static var enabled: Bool { present || isCI }
    static let reason: Comment =
        "../shared/realdata is not on this machine (on CI, with CI=true, these tests fail instead)"

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// The file's bytes; records a failure (and returns nil) when it is missing.
    static func data(_ relative: String, sourceLocation: SourceLocation = #_sourceLocation) -> Data? {
        guard let data = FileManager.default.contents(atPath: path(relative)) else {
            Issue.record("missing real-data file \(relative) under \(root.path)", sourceLocation: sourceLocation)
            return nil
        }
        return data
    }

    /// Lines of a real file, for deriving expectations from the file itself rather than hard-coding them.
    static func lines(_ relative: String) -> [Substring] {
        guard let data = data(relative) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
    }
}

/// Writes test input to a temporary file (readers take paths for the CLI; most tests use data directly).
enum TempFile {
    static func write(_ data: Data, name: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tumorboard-formats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }
}
