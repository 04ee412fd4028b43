// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "mmu-review",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "mmu-review", targets: ["mmu-review"]),
        .library(name: "PatchLint", targets: ["PatchLint"]),
        .library(name: "MMUReference", targets: ["MMUReference"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // libgit2 through the system library (Debian: libgit2-dev). Nothing else lives here.
        .systemLibrary(
            name: "CGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        .target(
            name: "PatchLint",
            dependencies: [
                "CGit2",
                // The semantic checks (Semantics/) query the model.
                "MMUReference",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Pure Swift: knows nothing about patches or git.
        .target(name: "MMUReference"),
        .executableTarget(
            name: "mmu-review",
            dependencies: [
                "PatchLint",
                "MMUReference",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Fuzz targets (docs/fuzzing.md): plain executables that replay inputs in a normal
        // build, libFuzzer harnesses when built with -sanitize=fuzzer -DFUZZING. Adding a
        // target is one main.swift calling FuzzDriver.run plus one line here.
        .target(name: "FuzzCDriver"),
        .target(name: "FuzzSupport", dependencies: ["FuzzCDriver"]),
        .executableTarget(name: "FuzzMailParser", dependencies: ["FuzzSupport", "PatchLint"]),
        .executableTarget(name: "FuzzUnifiedDiff", dependencies: ["FuzzSupport", "PatchLint"]),
        .executableTarget(name: "FuzzCLexer", dependencies: ["FuzzSupport", "PatchLint"]),
        .executableTarget(name: "FuzzConditionParser", dependencies: ["FuzzSupport", "PatchLint"]),
        // Fixtures shared by the test targets: scratch git repositories, the CLI binary.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "PatchLintTests", dependencies: ["PatchLint", "TestSupport"]),
        .testTarget(name: "MMUReferenceTests", dependencies: ["MMUReference"]),
        .testTarget(name: "CLITests", dependencies: ["PatchLint", "TestSupport"]),
    ]
)
