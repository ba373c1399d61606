import Foundation

/// Paths inside the checkout, found from this file's location so tests run from any working directory.
public enum Repository {
    /// The package root (the folder holding Package.swift).
    public static let root: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().standardized.path

    /// A path below the package root.
    public static func path(_ relative: String) -> String { root + "/" + relative }

    /// The theme files shipped with the app.
    public static var themesDirectory: String { path("Themes") }

    /// The sample board's JSON files, sorted (the JSON is the sample's only source).
    public static func sampleDataFiles() throws -> [String] {
        let directory = path("SampleData")
        return try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }
            .sorted().map { directory + "/" + $0 }
    }
}
