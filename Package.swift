// swift-tools-version:6.0
// The HAR baseline suite: handcrafted UCI HAR features with classical models versus
// deep models on raw signals, on identical subject splits. No third-party Swift
// packages: BLAS and LAPACK come from the system (OpenBLAS, LAPACKE) through module maps.
import PackageDescription

let package = Package(
  name: "HAR",
  products: [
    .executable(name: "har", targets: ["har"]),
    .executable(name: "har-bench", targets: ["har-bench"]),
    .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
    .library(name: "Features", targets: ["Features"]),
    .library(name: "Classic", targets: ["Classic"]),
    .library(name: "Deep", targets: ["Deep"]),
    .library(name: "Compare", targets: ["Compare"]),
  ],
  targets: [
    // MARK: - System libraries (module maps only; no Swift)
    .systemLibrary(
      name: "CBLAS", path: "Sources/CBLAS",
      providers: [.apt(["libopenblas-dev"])]),
    .systemLibrary(
      name: "CLAPACKE", path: "Sources/CLAPACKE",
      providers: [.apt(["liblapacke-dev"])]),

    // MARK: - Library targets
    // The one place that calls C.
    .target(name: "LinearAlgebra", dependencies: ["CBLAS", "CLAPACKE"], exclude: ["README.md"]),
    // Raw recordings → windows → the 561 UCI HAR features.
    .target(name: "Features", dependencies: ["LinearAlgebra"], exclude: ["README.md"]),
    // Linear SVC, logistic regression, decision tree. Knows nothing about HAR.
    .target(name: "Classic", dependencies: ["LinearAlgebra"], exclude: ["README.md"]),
    // LSTM, CNN, CNN-LSTM with our own backpropagation. Knows nothing about HAR.
    .target(name: "Deep", dependencies: ["LinearAlgebra"], exclude: ["README.md"]),
    // The library behind every command: loading, protocol (configuration, splits, seed
    // tree, claims), model adapters, the runner, reports.
    .target(name: "Compare", dependencies: ["Features", "Classic", "Deep", "LinearAlgebra"], exclude: ["README.md"]),

    // MARK: - Executables
    // The command-line tool: parse, call Compare, print. Compare is its one door.
    .executableTarget(name: "har", dependencies: ["Compare"], exclude: ["README.md"]),
    .executableTarget(
      name: "har-bench", dependencies: ["Compare", "Features", "Classic", "Deep", "LinearAlgebra"], exclude: ["README.md"]),

    // MARK: - Test support and unit test bundles
    .target(name: "_TestSupport", dependencies: ["LinearAlgebra"], exclude: ["README.md"]),
    .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "_TestSupport"]),
    .testTarget(name: "FeaturesTests", dependencies: ["Features", "_TestSupport"]),
    .testTarget(name: "ClassicTests", dependencies: ["Classic", "_TestSupport"], exclude: ["Fixtures"]),
    .testTarget(name: "DeepTests", dependencies: ["Deep", "_TestSupport"], exclude: ["Fixtures"]),
    .testTarget(name: "CompareTests", dependencies: ["Compare", "Features", "Classic", "Deep", "_TestSupport"]),
    // Runs the built `har` executable (scripts/test builds it first).
    .testTarget(name: "CommandLineTests", dependencies: ["_TestSupport"]),
  ]
)
