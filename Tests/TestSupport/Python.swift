import Foundation
import Testing

/// python3 for the repository's checking scripts (SampleData/check.py). On CI (CI=true) its absence fails the test;
/// elsewhere the test is disabled with the reason shown.
public enum Python {
    public static let path: String? = ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":")
        .map { $0 + "/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    public static var enabled: Bool { path != nil || RealData.isCI }
    public static let reason: Comment = "python3 is not on PATH (on CI, with CI=true, this test fails instead)"

    /// Runs a script to its end; its standard output and error together.
    public static func run(script: String, arguments: [String] = []) throws -> (status: Int32, output: String) {
        guard let path else {
            Issue.record("python3 is not on PATH")
            return (-1, "")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = [script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
