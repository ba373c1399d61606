// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "tumorboard",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tumorboard", targets: ["tumorboard"]),
        // For the Benchmarks package, which depends on this one by path.
        .library(name: "TumorboardCore", targets: ["BoardModel", "BoardStore", "BoardFormats", "TrialMatching", "TUIKit", "BoardApp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // The only C: a module map and shim over libncursesw.
        .systemLibrary(name: "CNCursesW", path: "Sources/CNCursesW", providers: [.apt(["libncurses-dev"])]),
        // zlib, for gzip/bgzip lab files decompressed while they are read.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        // libpq, the PostgreSQL client library, for a store shared across sites (docs/postgresql.md).
        .systemLibrary(name: "CLibPQ", path: "Sources/CLibPQ", providers: [.apt(["libpq-dev"])]),
        // Domain value types and vocabularies; no I/O.
        .target(name: "BoardModel"),
        // SQLite store through GRDB: schema, queries, search, audit trail.
        .target(name: "BoardStore", dependencies: [
            "BoardModel", "CLibPQ",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // Readers and writers of files the board receives and sends.
        .target(name: "BoardFormats", dependencies: ["BoardModel", "CZlib", "TextLayout", .product(name: "Yams", package: "Yams")]),
        // Eligibility evaluation with a per-criterion explanation.
        .target(name: "TrialMatching", dependencies: ["BoardModel"]),
        // Display width and word wrapping, shared by the screens (TUIKit) and exported plain text (BoardFormats).
        .target(name: "TextLayout"),
        // Pure-Swift terminal toolkit: canvas, widgets, key tables, themes.
        .target(name: "TUIKit", dependencies: ["TextLayout", .product(name: "Yams", package: "Yams")]),
        // The Terminal protocol implemented on ncursesw.
        .target(name: "TerminalNCurses", dependencies: ["TUIKit", "CNCursesW"]),
        // Screens, controllers, app state and the main loop.
        .target(name: "BoardApp", dependencies: ["BoardModel", "BoardStore", "BoardFormats", "TrialMatching", "TUIKit"]),
        .executableTarget(name: "tumorboard", dependencies: [
            "BoardApp", "BoardStore", "BoardFormats", "BoardModel", "TrialMatching", "TUIKit", "TerminalNCurses",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // The one test kit: snapshot helper, key scripts, repository and real-data locators.
        .target(name: "TestSupport", dependencies: ["TUIKit", "BoardModel", "BoardStore"], path: "Tests/TestSupport"),
        .testTarget(name: "BoardModelTests", dependencies: ["BoardModel", "TestSupport"]),
        .testTarget(name: "BoardStoreTests", dependencies: ["BoardStore", "BoardFormats", "BoardModel", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "BoardFormatsTests", dependencies: ["BoardFormats", "BoardModel", "TUIKit", "TestSupport"], exclude: ["Regression"]),
        .testTarget(name: "TUIKitTests", dependencies: ["TUIKit", "TextLayout", "TestSupport"]),
        .testTarget(name: "TerminalNCursesTests", dependencies: ["TerminalNCurses", "TUIKit", "TestSupport"]),
        .testTarget(name: "BoardAppTests", dependencies: ["BoardApp", "BoardStore", "BoardFormats", "BoardModel", "TUIKit", "TestSupport"], exclude: ["Snapshots"]),
        .testTarget(name: "TrialMatchingTests", dependencies: ["TrialMatching", "BoardModel", "BoardFormats", "BoardStore", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
