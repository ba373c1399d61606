// swift-tools-version: 6.0
// libFuzzer harnesses for every reader, in their own package so the main build is untouched.
// The reader modules are the repository's own sources (symlinked folders), compiled here with
// -sanitize=fuzzer coverage; scripts/fuzz.sh builds and runs them.
import PackageDescription

let package = Package(
    name: "TumorboardFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .target(name: "BoardModel"),
        // zlib for gzip/bgzip lab files, as in the main package.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(name: "TextLayout"),
        .target(name: "BoardFormats", dependencies: ["BoardModel", "CZlib", "TextLayout", .product(name: "Yams", package: "Yams")]),
        .target(name: "TUIKit", dependencies: ["TextLayout", .product(name: "Yams", package: "Yams")]),
        // The board's style roles, the one file of BoardApp that declares them (a symlink): the theme target reads
        // theme files against every role the app registers, without building BoardApp and its store.
        .target(name: "BoardStyleRoles", dependencies: ["TUIKit"]),
        // One libFuzzer binary; TB_FUZZ_READER picks the reader (Target.known in Fuzz.swift: vcf, maf, fhir, …,
        // cohort, outcome-fhir, outcome-timeline, outcome-native, detect, minutes).
        // SwiftPM renames an executable's `main`, so main.swift hands over to libFuzzer's LLVMFuzzerRunDriver.
        .executableTarget(name: "BoardFuzz", dependencies: ["BoardFormats", "BoardModel", "TUIKit", "BoardStyleRoles"]),
    ],
    swiftLanguageModes: [.v6]
)
