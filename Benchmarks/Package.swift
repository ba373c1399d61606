// swift-tools-version: 6.0
// Benchmarks live in their own package so the main build stays light. Each target is an executable
// that prints its figures; scripts/bench*.sh build them in release mode and run them.
import PackageDescription

let package = Package(
    name: "TumorboardBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: "tumorboard"), // a symlink to the repository root, so the identity does not depend on the checkout's folder name
    ],
    targets: [
        .executableTarget(name: "ScreenBenchmark", dependencies: [.product(name: "TumorboardCore", package: "tumorboard")]),
        // Generates VCF/MAF/TSV files of N records and times reading and storing them in-process.
        .executableTarget(name: "ImportBenchmark", dependencies: [.product(name: "TumorboardCore", package: "tumorboard")]),
        // Minutes of a 50-case meeting: store read and text/Markdown writing (scripts/bench-minutes.sh).
        .executableTarget(name: "MinutesBenchmark", dependencies: [.product(name: "TumorboardCore", package: "tumorboard")]),
        // All cases × all trials, and one case against all trials, through MatchEngine (scripts/bench-match.sh).
        .executableTarget(name: "MatchBenchmark", dependencies: [.product(name: "TumorboardCore", package: "tumorboard")]),
        // Precedents of one case on a generated 100,000-case store with history (scripts/bench-precedents.sh).
        .executableTarget(name: "PrecedentBenchmark", dependencies: [.product(name: "TumorboardCore", package: "tumorboard")]),
        // Four writers and two readers against one store (scripts/load-test.sh).
        .executableTarget(name: "LoadTest", dependencies: [.product(name: "TumorboardCore", package: "tumorboard")]),
    ],
    swiftLanguageModes: [.v6]
)
